package org.vertreg;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the package arrows of the README's architecture section true as the code grows: one table, {@link #ARROWS}. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.vertreg");
    }

    @Test
    void onlyTheDicomPackageUsesPixelMed() {
        noClasses().that().resideOutsideOfPackage("org.vertreg.dicom..")
                .should().dependOnClassesThat().resideInAPackage("com.pixelmed..").check(classes);
    }

    /**
     * The README's architecture table: each package and the packages it may use. A package not listed may not be used by
     * any other (add it here and in the README first); {@code cli} sits on top and may use everything.
     */
    static final Map<String, List<String>> ARROWS = arrows(
            "geometry", List.of(),
            "imaging", List.of("geometry"),
            "drr", List.of("imaging", "geometry"),
            "model.network", List.of(),
            "model.store", List.of("geometry"),
            "model.prediction", List.of("model.store", "model.network"),
            "registration", List.of("model.prediction", "model.store", "model.network", "drr", "imaging", "geometry"),
            "training", List.of("registration", "model.prediction", "model.store", "model.network", "drr", "imaging",
                    "geometry"),
            "evaluation", List.of("registration", "model.prediction", "model.store", "model.network", "drr", "imaging", "geometry"),
            "dicom", List.of("imaging", "geometry"),
            "archive", List.of("dicom", "imaging", "geometry"),
            "audit", List.of("archive", "dicom"),
            "jobs", List.of("archive", "registration", "training", "model.prediction", "model.store", "model.network",
                    "dicom", "drr", "imaging", "geometry"),
            "api", List.of("jobs", "archive", "audit", "model.store"));

    @Test
    void packagesUseOnlyWhatTheirArrowsAllow() {
        Architectures.LayeredArchitecture layers = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String name : ARROWS.keySet()) {
            layers = layers.layer(name).definedBy("org.vertreg." + name + "..");
        }
        layers = layers.layer("cli").definedBy("org.vertreg.cli..");
        for (Map.Entry<String, List<String>> arrow : ARROWS.entrySet()) {
            layers = arrow.getValue().isEmpty() ? layers.whereLayer(arrow.getKey()).mayNotAccessAnyLayer()
                    : layers.whereLayer(arrow.getKey()).mayOnlyAccessLayers(arrow.getValue().toArray(String[]::new));
        }
        layers.whereLayer("cli").mayNotBeAccessedByAnyLayer().check(classes);
    }

    @Test
    void everyPackageIsInTheTable() {
        Set<String> packages = new TreeSet<>();
        classes.forEach(c -> packages.add(c.getPackageName().replaceFirst("^org\\.vertreg\\.?", "")));
        packages.remove("");
        packages.removeIf(p -> p.equals("cli") || ARROWS.keySet().stream().anyMatch(a -> p.equals(a) || p.startsWith(a + ".")));
        assertEquals(Set.of(), packages, "packages missing from ArchitectureTest.ARROWS and the README's table");
    }

    @Test
    void geometryUsesTheJdkOnly() {
        noClasses().that().resideInAPackage("org.vertreg.geometry..").should().dependOnClassesThat()
                .resideOutsideOfPackages("java..", "org.vertreg.geometry..").check(classes);
    }

    @Test
    void onlyTheModelAndTrainingPackagesUseDjl() {
        noClasses().that().resideOutsideOfPackages("org.vertreg.model..", "org.vertreg.training..")
                .should().dependOnClassesThat().resideInAPackage("ai.djl..").check(classes);
    }

    @Test
    void theComputingPackagesKnowNothingOfTheServer() {
        noClasses().that().resideInAnyPackage("org.vertreg.geometry..", "org.vertreg.imaging..", "org.vertreg.drr..",
                        "org.vertreg.model.network..", "org.vertreg.training..", "org.vertreg.registration..", "org.vertreg.evaluation..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "io.quarkus..", "com.pixelmed..").check(classes);
    }

    @Test
    void differentiableCodeMultipliesByConstantsThatOutliveTheBackwardPass() {
        // DJL's NDArray.mul(Number) and its siblings free their constant before autograd reads it (see model.Scalars).
        // AdamW updates parameters outside autograd, where the constant is read at once.
        DescribedPredicate<JavaMethodCall> arithmeticWithANumber = new DescribedPredicate<>("NDArray arithmetic with a Java number") {
            @Override
            public boolean test(JavaMethodCall call) {
                return call.getTargetOwner().isAssignableTo(NDArray.class)
                        && call.getTarget().getRawParameterTypes().stream().anyMatch(t -> t.isEquivalentTo(Number.class));
            }
        };
        noClasses().that().resideInAPackage("org.vertreg.model..").and().doNotHaveSimpleName("AdamW")
                .should().callMethodWhere(arithmeticWithANumber).check(classes);
    }


    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> arrows(Object... pairs) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (List<String>) pairs[i + 1]);
        }
        return map;
    }
}
