package org.vertreg.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.vertreg.api.security.Roles;
import org.vertreg.jobs.Job;
import org.vertreg.jobs.JobKinds;
import org.vertreg.jobs.JobListing;
import org.vertreg.jobs.JobQueue;
import org.vertreg.jobs.JobState;

/**
 * The node's preparations and registrations as DICOM Unified Procedure Step workitems over DICOMweb (UPS-RS search and
 * retrieve, PS3.18 §11), in DICOM JSON: the form IHE's AI Workflow for Imaging profile uses, so a workflow manager can
 * follow them. A job's workitem UID is derived from the job (stable across calls); its state maps as UPS defines states:
 * waiting → SCHEDULED, running → IN PROGRESS, completed → COMPLETED, failed or cancelled → CANCELED (with the reason).
 */
@Path("/workitems")
@Produces("application/dicom+json")
@RolesAllowed({Roles.VIEWER, Roles.TECHNOLOGIST, Roles.ADMINISTRATOR, Roles.AUDITOR})
public class UpsResource {
    static final String UPS_PUSH = "1.2.840.10008.5.1.4.34.6.1";
    private static final DateTimeFormatter DT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSSSS").withZone(ZoneOffset.UTC);

    @Inject
    JobListing listing;
    @Inject
    JobQueue queue;
    @Inject
    DataSource db;
    @Inject
    ObjectMapper mapper;

    /** Search: newest first, optionally by Patient ID and Procedure Step State (keyword or tag as query key). */
    @GET
    public ArrayNode search(@QueryParam("PatientID") String patientId, @QueryParam("00100020") String patientIdTag,
                            @QueryParam("ProcedureStepState") String state, @QueryParam("00741000") String stateTag,
                            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("100") int limit)
            throws SQLException {
        String patient = patientId != null ? patientId : patientIdTag;
        String upsState = state != null ? state : stateTag;
        if (upsState != null && !List.of("SCHEDULED", "IN PROGRESS", "COMPLETED", "CANCELED").contains(upsState)) {
            throw new BadRequestException("ProcedureStepState is SCHEDULED, IN PROGRESS, COMPLETED or CANCELED, not '" + upsState + "'");
        }
        if (offset < 0 || limit < 1 || limit > Paging.MAX_LIMIT) {
            throw new BadRequestException("offset must be >= 0 and limit between 1 and " + Paging.MAX_LIMIT);
        }
        List<Job> jobs = new ArrayList<>();
        for (String kind : List.of(JobKinds.REGISTRATION, JobKinds.PREPARATION)) {
            jobs.addAll(listing.list(JobListing.Filter.ALL.withKind(kind), 0, Math.min(Paging.MAX_LIMIT, offset + limit)));
        }
        jobs.sort((a, b) -> Long.compare(b.id(), a.id()));
        Map<Long, Subject> subjects = subjects(jobs);
        ArrayNode out = mapper.createArrayNode();
        int skipped = 0;
        for (Job j : jobs) {
            Subject s = subjects.get(j.id());
            if ((patient != null && (s == null || !patient.equals(s.patientId()))) || (upsState != null && !upsState.equals(upsState(j.state())))) {
                continue;
            }
            if (skipped++ < offset) {
                continue;
            }
            out.add(workitem(j, s));
            if (out.size() == limit) {
                break;
            }
        }
        return out;
    }

    /** Retrieve one workitem by its UID. */
    @GET
    @Path("/{uid}")
    public ArrayNode retrieve(@PathParam("uid") String uid) throws SQLException {
        long id = jobOf(uid);
        Job j = queue.find(id).orElseThrow(() -> new NotFoundException("no workitem " + uid));
        return mapper.createArrayNode().add(workitem(j, subjects(List.of(j)).get(j.id())));
    }

    /** The workitem UID of job {@code id}: 2.25 and a name-based UUID, so it is the same on every call. */
    static String uidOf(long id) {
        UUID u = UUID.nameUUIDFromBytes(("vertreg-job-" + id).getBytes(StandardCharsets.UTF_8));
        return "2.25." + new BigInteger(1, java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array());
    }

    private long jobOf(String uid) {
        // UIDs are derived, not stored: the job whose UID it is lies among the recent ones, or it is not ours
        for (Job j : listing.list(JobListing.Filter.ALL, 0, Paging.MAX_LIMIT)) {
            if (uidOf(j.id()).equals(uid)) {
                return j.id();
            }
        }
        throw new NotFoundException("no workitem " + uid);
    }

    static String upsState(JobState s) {
        return switch (s) {
            case AVAILABLE, RETRYABLE -> "SCHEDULED";
            case RUNNING -> "IN PROGRESS";
            case COMPLETED -> "COMPLETED";
            case FAILED, CANCELLED -> "CANCELED";
        };
    }

    /** Whom and what a job concerns: the patient, and the X-ray or CT series. */
    record Subject(String patientId, String patientName, String studyUid, String seriesUid, String sopInstanceUid, String sopClassUid) {
    }

    private Map<Long, Subject> subjects(List<Job> jobs) throws SQLException {
        String sql = """
                select j.id, p.patient_id, p.patient_name, st.study_instance_uid, s.series_instance_uid, i.sop_instance_uid, i.sop_class_uid
                from job j
                left join instance i on i.sop_instance_uid = j.payload->>'sopInstanceUid'
                left join series s on s.id = i.series_pk or s.series_instance_uid = j.payload->>'seriesInstanceUid'
                left join study st on st.id = s.study_pk
                left join patient p on p.id = st.patient_pk
                where j.id = any(?)""";
        Map<Long, Subject> out = new HashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("bigint", jobs.stream().map(Job::id).toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getLong(1), new Subject(r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getString(7)));
                }
            }
        }
        return out;
    }

    private ObjectNode workitem(Job j, Subject s) {
        ObjectNode w = mapper.createObjectNode();
        put(w, "00080016", "UI", UPS_PUSH);
        put(w, "00080018", "UI", uidOf(j.id()));
        if (s != null) {
            if (s.patientName() != null) {
                ArrayNode names = w.putObject("00100010").put("vr", "PN").putArray("Value");
                names.addObject().put("Alphabetic", s.patientName());
            }
            put(w, "00100020", "LO", s.patientId());
        }
        put(w, "00404005", "DT", DT.format(j.runAt() == null ? Instant.EPOCH : j.runAt()));
        put(w, "00741000", "CS", upsState(j.state()));
        put(w, "00741200", "CS", j.priority() >= 10 ? "HIGH" : j.priority() > 0 ? "MEDIUM" : "LOW");
        boolean registration = JobKinds.REGISTRATION.equals(j.kind());
        put(w, "00741204", "LO", registration ? "Vertreg 2D/3D registration" : "Vertreg vertebra preparation");
        ArrayNode code = w.putObject("00404018").put("vr", "SQ").putArray("Value");
        ObjectNode item = code.addObject();
        put(item, "00080100", "SH", registration ? "REGISTRATION" : "PREPARATION");
        put(item, "00080102", "SH", "99VERTREG");
        put(item, "00080104", "LO", registration ? "Spine 2D/3D registration of an X-ray" : "Patient-specific pose model of a vertebra");
        if (s != null && s.studyUid() != null) {
            ArrayNode input = w.putObject("00404021").put("vr", "SQ").putArray("Value");
            ObjectNode ref = input.addObject();
            put(ref, "0020000D", "UI", s.studyUid());
            put(ref, "0020000E", "UI", s.seriesUid());
            if (s.sopInstanceUid() != null) {
                ArrayNode refs = ref.putObject("00081199").put("vr", "SQ").putArray("Value");
                ObjectNode sop = refs.addObject();
                put(sop, "00081150", "UI", s.sopClassUid());
                put(sop, "00081155", "UI", s.sopInstanceUid());
            }
        }
        if (j.progress() != null) {
            ArrayNode progress = w.putObject("00741002").put("vr", "SQ").putArray("Value");
            put(progress.addObject(), "00741006", "ST", j.progress());
        }
        if (j.state() == JobState.FAILED || j.state() == JobState.CANCELLED) {
            put(w, "00741238", "LT", j.state() == JobState.FAILED ? "failed: " + j.lastError() : "cancelled");
        }
        return w;
    }

    private static void put(ObjectNode o, String tag, String vr, String value) {
        ObjectNode a = o.putObject(tag).put("vr", vr);
        if (value != null) {
            a.putArray("Value").add(value);
        }
    }
}
