package org.vertreg.api.security;

import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.vertreg.audit.AuditOutcome;
import org.vertreg.audit.AuditTrail;

/** A refused login (unknown user or wrong password) in the audit trail: the name tried and from where. */
@ApplicationScoped
public class LoginAudit {
    @Inject
    AuditTrail trail;

    void onRefused(@ObservesAsync AuthenticationFailureEvent refused) {
        // the HTTP request rides along among the event's properties
        RoutingContext rc = refused.getEventProperties().values().stream().filter(RoutingContext.class::isInstance)
                .map(RoutingContext.class::cast).findFirst().orElse(null);
        String remote = null, user = null;
        if (rc != null) {
            remote = rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().toString();
            user = basicUser(rc.request().getHeader("Authorization"));
        }
        trail.record("LOGIN_REFUSED", AuditOutcome.REFUSED, user, remote, null, "HTTP Basic: unknown user or wrong password");
    }

    /** The user name of a Basic header, or null. */
    static String basicUser(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? null : pair.substring(0, Math.min(colon, 64));
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
