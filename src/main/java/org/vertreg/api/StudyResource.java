package org.vertreg.api;

import jakarta.annotation.security.RolesAllowed;
import org.vertreg.api.security.Roles;

import io.quarkus.panache.common.Sort;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.vertreg.api.ApiViews.SeriesView;
import org.vertreg.api.ApiViews.StudyView;
import org.vertreg.archive.SeriesRecord;
import org.vertreg.archive.StudyRecord;

@Path("/api/studies")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.TECHNOLOGIST, Roles.ADMINISTRATOR, Roles.AUDITOR})
public class StudyResource {

    @GET
    public List<StudyView> list(@QueryParam("offset") @DefaultValue("0") int offset,
                                @QueryParam("limit") @DefaultValue("100") int limit) {
        return StudyRecord.<StudyRecord>findAll(Sort.descending("id")).page(Paging.of(offset, limit)).list().stream()
                .map(StudyView::of).toList();
    }

    @GET
    @Path("/{studyUid}")
    public StudyView get(@PathParam("studyUid") String studyUid) {
        return StudyView.of(require(studyUid));
    }

    @GET
    @Path("/{studyUid}/series")
    public List<SeriesView> series(@PathParam("studyUid") String studyUid) {
        StudyRecord study = require(studyUid);
        return SeriesRecord.<SeriesRecord>list("studyPk", Sort.by("seriesNumber").and("id"), study.id).stream()
                .map(SeriesView::of).toList();
    }

    private static StudyRecord require(String studyUid) {
        StudyRecord study = StudyRecord.byUid(studyUid);
        if (study == null) {
            throw new NotFoundException("no study " + studyUid);
        }
        return study;
    }
}
