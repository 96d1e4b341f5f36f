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
import org.vertreg.api.ApiViews.PatientView;
import org.vertreg.api.ApiViews.StudyView;
import org.vertreg.archive.PatientRecord;
import org.vertreg.archive.StudyRecord;

@Path("/api/patients")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.TECHNOLOGIST, Roles.ADMINISTRATOR, Roles.AUDITOR})
public class PatientResource {
    @jakarta.inject.Inject
    org.vertreg.jobs.JobListing jobs;
    @jakarta.inject.Inject
    com.fasterxml.jackson.databind.ObjectMapper mapper;


    /** Patients, optionally those whose ID or name contains {@code q} (case-insensitive). */
    @GET
    public List<PatientView> list(@QueryParam("q") String q, @QueryParam("offset") @DefaultValue("0") int offset,
                                  @QueryParam("limit") @DefaultValue("100") int limit) {
        var query = q == null || q.isBlank()
                ? PatientRecord.<PatientRecord>findAll(Sort.by("id"))
                : PatientRecord.<PatientRecord>find("lower(patientId) like ?1 or lower(patientName) like ?1", Sort.by("id"),
                        "%" + q.toLowerCase() + "%");
        return query.page(Paging.of(offset, limit)).list().stream().map(PatientView::of).toList();
    }

    @GET
    @Path("/{patientId}/studies")
    public List<StudyView> studies(@PathParam("patientId") String patientId, @QueryParam("issuer") @DefaultValue("") String issuer) {
        PatientRecord patient = PatientRecord.find(patientId, issuer);
        if (patient == null) {
            throw new NotFoundException("no patient with ID " + patientId);
        }
        return StudyRecord.<StudyRecord>list("patientPk", Sort.by("studyDate").and("id"), patient.id).stream()
                .map(StudyView::of).toList();
    }

    /** The patient's registration history: every registration of its X-rays, newest first, with pose and quality. */
    @GET
    @Path("/{patientId}/registrations")
    public List<RegistrationView> registrations(@PathParam("patientId") String patientId, @QueryParam("issuer") @DefaultValue("") String issuer,
                                                @QueryParam("offset") @DefaultValue("0") int offset,
                                                @QueryParam("limit") @DefaultValue("100") int limit) {
        if (PatientRecord.find(patientId, issuer) == null) {
            throw new NotFoundException("no patient with ID " + patientId);
        }
        Paging.of(offset, limit);
        return jobs.registrationsOfPatient(patientId, issuer, offset, limit).stream().map(j -> RegistrationView.of(j, mapper)).toList();
    }
}
