package org.vertreg.api;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.vertreg.audit.AuditOutcome;
import org.vertreg.audit.AuditTrail;

/**
 * Every call of the REST API and of UPS-RS in the audit trail: who (the user), what (method, path, query, status), from
 * where, with what outcome (refused: 401 or 403; failure: another 4xx or 5xx). Written off the request's thread, so a
 * stream or a busy database never delays the answer. The application log gets the call without its query and without a
 * patient's ID in the path; the trail keeps them.
 */
@Provider
public class ApiCallAudit implements ContainerResponseFilter {
    @Inject
    AuditTrail trail;
    @Context
    HttpServerRequest http;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api") && !path.startsWith("/workitems")) {
            return;
        }
        int status = response.getStatus();
        AuditOutcome outcome = status == 401 || status == 403 ? AuditOutcome.REFUSED : status >= 400 ? AuditOutcome.FAILURE : AuditOutcome.SUCCESS;
        String user = request.getSecurityContext().getUserPrincipal() == null ? null : request.getSecurityContext().getUserPrincipal().getName();
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        String detail = request.getMethod() + " " + path + (query == null ? "" : "?" + query) + " → " + status;
        String logged = request.getMethod() + " " + withoutPatient(path) + (query == null ? "" : "?…") + " → " + status;
        String remote = http == null || http.remoteAddress() == null ? null : http.remoteAddress().toString();
        Infrastructure.getDefaultWorkerPool().execute(() -> trail.recordLoggingOnly(logged, "API_CALL", outcome, user, remote, detail));
    }

    /** The path with a patient's ID (the segment after /api/patients/) replaced, for the application log. */
    static String withoutPatient(String path) {
        return PATIENT_SEGMENT.matcher(path).replaceFirst("$1{patient}");
    }

    private static final java.util.regex.Pattern PATIENT_SEGMENT = java.util.regex.Pattern.compile("^(/api/patients/)[^/]+");
}
