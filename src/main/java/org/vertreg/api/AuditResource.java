package org.vertreg.api;

import jakarta.annotation.security.RolesAllowed;
import org.vertreg.api.security.Roles;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.vertreg.api.ApiViews.AuditView;
import org.vertreg.audit.AuditChain;
import org.vertreg.audit.AuditEvent;
import org.vertreg.audit.AuditOutcome;

/** The audit trail, newest first, optionally one event type or the events about one object (a SOP instance, series or study UID). */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AUDITOR, Roles.ADMINISTRATOR})
public class AuditResource {

    @Inject
    DataSource db;

    /** The hash chain walked from the first row to the last: intact, or the first row where it breaks and why. */
    @GET
    @Path("/verify")
    public AuditChain.Verification verify() throws SQLException {
        return AuditChain.verify(db);
    }

    /**
     * Audit events, newest first, filtered by event type, object (a SOP instance, series or study UID), actor, outcome
     * and a time range ({@code from} inclusive, {@code to} exclusive, ISO-8601 instants); JSON, or CSV with
     * {@code format=csv}. A malformed filter is a 400 that says which.
     */
    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response list(@QueryParam("type") String type, @QueryParam("object") String objectUid, @QueryParam("actor") String actor,
                         @QueryParam("outcome") String outcome, @QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("format") @DefaultValue("json") String format,
                         @QueryParam("offset") @DefaultValue("0") int offset,
                         @QueryParam("limit") @DefaultValue("100") int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (type != null) {
            where.append(" and eventType = :type");
            params.and("type", type);
        }
        if (objectUid != null) {
            where.append(" and (objectUid = :object or seriesUid = :object or studyUid = :object)");
            params.and("object", objectUid);
        }
        if (actor != null) {
            where.append(" and actor = :actor");
            params.and("actor", actor);
        }
        if (outcome != null) {
            where.append(" and outcome = :outcome");
            params.and("outcome", parseOutcome(outcome));
        }
        if (from != null) {
            where.append(" and occurredAt >= :from");
            params.and("from", instant("from", from));
        }
        if (to != null) {
            where.append(" and occurredAt < :to");
            params.and("to", instant("to", to));
        }
        if (!format.equals("json") && !format.equals("csv")) {
            throw new BadRequestException("format is json or csv, not '" + format + "'");
        }
        List<AuditView> events = AuditEvent.<AuditEvent>find(where.toString(), Sort.descending("id"), params).page(Paging.of(offset, limit))
                .list().stream().map(AuditView::of).toList();
        return format.equals("csv") ? Response.ok(csv(events), "text/csv").header("Content-Disposition", "attachment; filename=audit.csv").build()
                : Response.ok(events, MediaType.APPLICATION_JSON).build();
    }

    private static AuditOutcome parseOutcome(String outcome) {
        try {
            return AuditOutcome.valueOf(outcome);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("outcome is one of " + java.util.Arrays.toString(AuditOutcome.values()) + ", not '" + outcome + "'");
        }
    }

    private static java.time.OffsetDateTime instant(String name, String value) {
        return TimeParameters.instant(name, value).atOffset(java.time.ZoneOffset.UTC);
    }

    /** RFC 4180: a header row, fields quoted where they hold a comma, quote or line break. */
    static String csv(List<AuditView> events) {
        StringBuilder b = new StringBuilder("id,occurred_at,event_type,outcome,actor,remote_address,object_uid,series_uid,study_uid,detail\r\n");
        for (AuditView e : events) {
            b.append(e.id()).append(',').append(e.occurredAt()).append(',').append(field(e.eventType())).append(',').append(e.outcome())
                    .append(',').append(field(e.actor())).append(',').append(field(e.remoteAddress())).append(',').append(field(e.objectUid()))
                    .append(',').append(field(e.seriesUid())).append(',').append(field(e.studyUid())).append(',').append(field(e.detail()))
                    .append("\r\n");
        }
        return b.toString();
    }

    private static String field(String v) {
        if (v == null) {
            return "";
        }
        return v.matches(".*[,\"\r\n].*") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
