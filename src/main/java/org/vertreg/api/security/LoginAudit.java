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

/**
 * A refused login in the audit trail, from where: over HTTP Basic an unknown user or a wrong password (the name tried);
 * with OIDC a bearer token the node did not accept (forged, expired, for another audience; its claims are not trusted,
 * so no name).
 */
@ApplicationScoped
public class LoginAudit {
    @Inject
    AuditTrail trail;

    void onRefused(@ObservesAsync AuthenticationFailureEvent refused) {
        // the HTTP request rides along among the event's properties
        RoutingContext rc = refused.getEventProperties().values().stream().filter(RoutingContext.class::isInstance)
                .map(RoutingContext.class::cast).findFirst().orElse(null);
        String remote = null, user = null, authorization = null;
        if (rc != null) {
            remote = rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().toString();
            authorization = rc.request().getHeader("Authorization");
            user = basicUser(authorization);
        }
        String detail = isBearer(authorization) ? "OIDC bearer token refused" + reason(refused.getAuthenticationFailure())
                : "HTTP Basic: unknown user or wrong password";
        trail.record("LOGIN_REFUSED", AuditOutcome.REFUSED, user, remote, null, detail);
    }

    static boolean isBearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /**
     * Why a token was refused, in a few words of our own: the token library's messages quote the token and its claims,
     * which have no place in the trail or the log.
     */
    static String reason(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null && all.length() < 10_000; t = t.getCause() == t ? null : t.getCause()) {
            all.append(' ').append(t.getMessage());
        }
        String m = all.toString().toLowerCase(java.util.Locale.ROOT);
        if (m.contains("expiration time") || m.contains("expired")) {
            return ": expired";
        }
        if (m.contains("audience")) {
            return ": issued for another audience";
        }
        if (m.contains("issuer") || m.contains("(iss)")) {
            return ": from another issuer";
        }
        if (m.contains("signature") || m.contains("no matching key") || m.contains("unresolvable")) {
            return ": signature not verified by the provider's keys";
        }
        return ": not a token the node can read";
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
