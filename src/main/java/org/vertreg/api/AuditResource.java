package org.vertreg.api;

import jakarta.annotation.security.RolesAllowed;
import org.vertreg.api.security.Roles;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.vertreg.api.ApiViews.AuditView;
import org.vertreg.audit.AuditChain;
import org.vertreg.audit.AuditEvent;

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

    @GET
    public List<AuditView> list(@QueryParam("type") String type, @QueryParam("object") String objectUid,
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
        return AuditEvent.<AuditEvent>find(where.toString(), Sort.descending("id"), params).page(Paging.of(offset, limit)).list()
                .stream().map(AuditView::of).toList();
    }
}
