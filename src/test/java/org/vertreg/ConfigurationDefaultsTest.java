package org.vertreg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.vertreg.archive.ArchiveConfig;
import org.vertreg.dicom.DicomConfig;
import org.vertreg.jobs.JobsConfig;
import org.vertreg.audit.AuditConfig;
import org.vertreg.api.security.SecurityConfig;
import org.vertreg.model.store.ModelConfig;

/**
 * The node's defaults are written once, in the {@code @WithDefault} of its configuration interfaces; the README's
 * configuration table documents them and must say the same.
 */
class ConfigurationDefaultsTest {
    private static final Pattern ROW = Pattern.compile("^\\| `(vertreg\\.[a-z0-9.-]+)` \\| `([^`]*)` \\|", Pattern.MULTILINE);

    @Test
    void theReadmeTableGivesTheDefaultsTheCodeHas() throws Exception {
        Map<String, String> inCode = new TreeMap<>();
        for (Class<?> mapping : List.of(DicomConfig.class, ArchiveConfig.class, ModelConfig.class, JobsConfig.class, AuditConfig.class, SecurityConfig.class)) {
            defaults(mapping, mapping.getAnnotation(ConfigMapping.class).prefix(), inCode);
        }
        Map<String, String> inReadme = new TreeMap<>();
        Matcher row = ROW.matcher(Files.readString(Path.of("README.md")));
        while (row.find()) {
            inReadme.put(row.group(1), row.group(2));
        }
        assertEquals(inCode, inReadme, "README configuration table (keys with a `default`) against @WithDefault");
    }

    /** The defaults of {@code mapping} under {@code prefix}, and of its groups (methods returning a nested interface). */
    private static void defaults(Class<?> mapping, String prefix, Map<String, String> out) {
        for (Method m : mapping.getDeclaredMethods()) {
            WithDefault d = m.getAnnotation(WithDefault.class);
            if (d != null) {
                out.put(prefix + "." + kebab(m.getName()), d.value());
            } else if (m.getReturnType().isInterface() && m.getReturnType().getEnclosingClass() == mapping) {
                defaults(m.getReturnType(), prefix + "." + kebab(m.getName()), out);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
