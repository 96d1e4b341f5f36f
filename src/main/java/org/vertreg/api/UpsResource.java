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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.vertreg.api.security.Roles;
import org.vertreg.jobs.Job;
import org.vertreg.jobs.JobKinds;
import org.vertreg.jobs.JobState;
import org.vertreg.jobs.Workitems;

/**
 * The node's preparations and registrations as DICOM Unified Procedure Step workitems over DICOMweb (UPS-RS search and
 * retrieve, PS3.18 §11), in DICOM JSON: the form IHE's AI Workflow for Imaging profile uses, so a workflow manager can
 * follow them. A job's workitem UID is the one it was given when queued ({@link Workitems}); its state maps as UPS defines states:
 * waiting → SCHEDULED, running → IN PROGRESS, completed → COMPLETED, failed or cancelled → CANCELED (with the reason).
 */
@Path("/workitems")
@Produces("application/dicom+json")
@RolesAllowed({Roles.VIEWER, Roles.TECHNOLOGIST, Roles.ADMINISTRATOR, Roles.AUDITOR})
public class UpsResource {
    static final String UPS_PUSH = "1.2.840.10008.5.1.4.34.6.1";
    private static final List<String> UPS_STATES = List.of("SCHEDULED", "IN PROGRESS", "COMPLETED", "CANCELED");
    private static final DateTimeFormatter DT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSSSS").withZone(ZoneOffset.UTC);

    @Inject
    Workitems workitems;
    @Inject
    ObjectMapper mapper;

    /** Search: newest first, optionally by Patient ID and Procedure Step State (keyword or tag as query key). */
    @GET
    public ArrayNode search(@QueryParam("PatientID") String patientId, @QueryParam("00100020") String patientIdTag,
                            @QueryParam("ProcedureStepState") String state, @QueryParam("00741000") String stateTag,
                            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("100") int limit) {
        String patient = patientId != null ? patientId : patientIdTag;
        String upsState = state != null ? state : stateTag;
        if (upsState != null && !UPS_STATES.contains(upsState)) {
            throw new BadRequestException("ProcedureStepState is SCHEDULED, IN PROGRESS, COMPLETED or CANCELED, not '" + upsState + "'");
        }
        Paging.checkBounds(offset, limit); // any offset: the workitems are paged in SQL
        Set<JobState> states = upsState == null ? null
                : EnumSet.copyOf(Arrays.stream(JobState.values()).filter(s -> upsState(s).equals(upsState)).toList());
        ArrayNode out = mapper.createArrayNode();
        for (Workitems.Workitem w : workitems.search(patient, states, offset, limit)) {
            out.add(workitem(w));
        }
        return out;
    }

    /** Retrieve one workitem by its UID. */
    @GET
    @Path("/{uid}")
    public ArrayNode retrieve(@PathParam("uid") String uid) {
        Workitems.Workitem w = workitems.find(uid).orElseThrow(() -> new NotFoundException("no workitem " + uid));
        return mapper.createArrayNode().add(workitem(w));
    }

    static String upsState(JobState s) {
        return switch (s) {
            case AVAILABLE, RETRYABLE -> "SCHEDULED";
            case RUNNING -> "IN PROGRESS";
            case COMPLETED -> "COMPLETED";
            case FAILED, CANCELLED -> "CANCELED";
        };
    }

    private ObjectNode workitem(Workitems.Workitem found) {
        Job j = found.job();
        Workitems.Subject s = found.subject();
        ObjectNode w = mapper.createObjectNode();
        put(w, "00080016", "UI", UPS_PUSH);
        put(w, "00080018", "UI", found.uid());
        if (s.patientName() != null) {
            ArrayNode names = w.putObject("00100010").put("vr", "PN").putArray("Value");
            names.addObject().put("Alphabetic", s.patientName());
        }
        put(w, "00100020", "LO", s.patientId());
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
        if (s.studyUid() != null) {
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
