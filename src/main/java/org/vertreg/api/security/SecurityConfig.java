package org.vertreg.api.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Access to the REST API ({@code vertreg.security.*}). */
@ConfigMapping(prefix = "vertreg.security")
public interface SecurityConfig {

    /** One-time: with no user yet, the first administrator is created with this password (12 characters at least). */
    Optional<String> initialAdminPassword();

    /** Name of that first administrator. */
    @WithDefault("admin")
    String initialAdminUser();
}
