package org.vertreg.api.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.Optional;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The one-time setting {@code vertreg.security.initial-admin-password}: with no user yet, the node creates the first
 * administrator ({@code vertreg.security.initial-admin-user}, default {@code admin}) with it; once any user exists the
 * setting does nothing but a warning to remove it. No password is shipped.
 */
@ApplicationScoped
public class InitialAdministrator {
    private static final Logger LOG = Logger.getLogger(InitialAdministrator.class);

    @Inject
    SecurityConfig config;

    @Transactional
    void create(@Observes StartupEvent started) {
        Optional<String> password = config.initialAdminPassword();
        String username = config.initialAdminUser();
        if (password.isEmpty() || password.get().isBlank()) {
            if (NodeUser.count() == 0) {
                LOG.warn("no user can use the REST API yet: create the first administrator with `bin/vertreg add-user` or the one-time "
                        + "setting vertreg.security.initial-admin-password");
            }
            return;
        }
        if (NodeUser.count() > 0) {
            LOG.warn("vertreg.security.initial-admin-password is set but users exist: it was not used; remove the setting");
            return;
        }
        NodeUser.of(username, password.get(), Roles.ADMINISTRATOR).persist();
        LOG.infof("created the first administrator '%s' from vertreg.security.initial-admin-password; remove the setting", username);
    }
}
