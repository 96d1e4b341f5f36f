package org.vertreg.api;

import jakarta.annotation.security.RolesAllowed;
import org.vertreg.api.security.Roles;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.vertreg.api.ApiViews.InstanceView;
import org.vertreg.api.ApiViews.SeriesStatusView;
import org.vertreg.api.ApiViews.SeriesView;
import org.vertreg.archive.InstanceRecord;
import org.vertreg.archive.SeriesRecord;
import org.vertreg.archive.SeriesStatus;

@Path("/api/series")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.TECHNOLOGIST, Roles.ADMINISTRATOR, Roles.AUDITOR})
public class SeriesResource {
    @jakarta.inject.Inject
    org.vertreg.jobs.JobListing jobs;
    @jakarta.inject.Inject
    com.fasterxml.jackson.databind.ObjectMapper mapper;


    /** Series, newest first, optionally filtered by status (RECEIVING, READY, UNUSABLE, STORED) and modality. */
    @GET
    public List<SeriesView> list(@QueryParam("status") String status, @QueryParam("modality") String modality,
                                 @QueryParam("offset") @DefaultValue("0") int offset,
                                 @QueryParam("limit") @DefaultValue("100") int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (status != null) {
            where.append(" and status = :status");
            params.and("status", parseStatus(status));
        }
        if (modality != null) {
            where.append(" and modality = :modality");
            params.and("modality", modality.toUpperCase());
        }
        return SeriesRecord.<SeriesRecord>find(where.toString(), Sort.descending("id"), params).page(Paging.of(offset, limit))
                .list().stream().map(SeriesView::of).toList();
    }

    @GET
    @Path("/{seriesUid}")
    public SeriesView get(@PathParam("seriesUid") String seriesUid) {
        return SeriesView.of(require(seriesUid));
    }

    @GET
    @Path("/{seriesUid}/status")
    public SeriesStatusView status(@PathParam("seriesUid") String seriesUid) {
        return SeriesStatusView.of(require(seriesUid));
    }

    @GET
    @Path("/{seriesUid}/instances")
    public List<InstanceView> instances(@PathParam("seriesUid") String seriesUid) {
        SeriesRecord series = require(seriesUid);
        return InstanceRecord.<InstanceRecord>list("seriesPk", Sort.by("instanceNumber").and("id"), series.id).stream()
                .map(InstanceView::of).toList();
    }

    private static SeriesStatus parseStatus(String status) {
        try {
            return SeriesStatus.valueOf(status.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("unknown series status " + status);
        }
    }

    private static SeriesRecord require(String seriesUid) {
        SeriesRecord series = SeriesRecord.byUid(seriesUid);
        if (series == null) {
            throw new NotFoundException("no series " + seriesUid);
        }
        return series;
    }

    /** The registrations made against this CT series, newest first, with pose and quality. */
    @GET
    @Path("/{seriesUid}/registrations")
    public List<RegistrationView> registrations(@PathParam("seriesUid") String seriesUid, @QueryParam("offset") @DefaultValue("0") int offset,
                                                @QueryParam("limit") @DefaultValue("100") int limit) {
        require(seriesUid);
        Paging.of(offset, limit);
        return jobs.registrationsOfCtSeries(seriesUid, offset, limit).stream().map(j -> RegistrationView.of(j, mapper)).toList();
    }
}
