package org.vertreg.api;

import jakarta.annotation.security.RolesAllowed;
import org.vertreg.api.security.Roles;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.panache.common.Page;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.net.URI;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.vertreg.archive.InstanceRecord;
import org.vertreg.archive.SeriesRecord;
import org.vertreg.archive.SeriesStatus;
import org.vertreg.archive.StudyRecord;
import org.vertreg.audit.AuditOutcome;
import org.vertreg.audit.AuditTrail;
import org.vertreg.jobs.Job;
import org.vertreg.jobs.JobKinds;
import org.vertreg.jobs.JobListing;
import org.vertreg.jobs.JobQueue;
import org.vertreg.jobs.JobQueueException;
import org.vertreg.jobs.JobState;
import org.vertreg.jobs.JobTransition;
import org.vertreg.jobs.NewJob;
import org.vertreg.jobs.PreparationRequest;
import org.vertreg.jobs.RegistrationRequest;
import org.vertreg.jobs.SendRequest;

/**
 * The job queue over REST: jobs to watch, retry and cancel; registrations of stored X-rays and vertebrae of CT series
 * (targets) to queue. Every call that changes something is audited, with outcome REFUSED when the node says no. Errors
 * are {@code {"status": ..., "message": ...}}.
 *
 * <p>Registrations and targets have roots of their own ({@link Registrations}, {@link Targets}): the REST layer picks a
 * resource class by its path before it looks at methods, so a {@code /api} class would never see a request under
 * {@code /api/series}, which {@link SeriesResource} holds. Both only hand their requests to this class.
 */
@Path("/api/jobs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.TECHNOLOGIST, Roles.ADMINISTRATOR, Roles.AUDITOR})
public class JobResource {
    @Inject
    org.vertreg.archive.ArchiveStorage storage;
    @Inject
    io.quarkus.security.identity.SecurityIdentity identity;
    private static final int MAX_LEVEL_NAME = 64;

    static final String JOB_RETRIED = "JOB_RETRIED";
    static final String JOB_CANCELLED = "JOB_CANCELLED";
    static final String REGISTRATION_QUEUED = "REGISTRATION_QUEUED";
    static final String TARGET_ADDED = "TARGET_ADDED";
    static final String TARGET_REMOVED = "TARGET_REMOVED";

    @Inject
    JobQueue queue;
    @Inject
    JobListing listing;
    @Inject
    AuditTrail audit;
    @Inject
    ObjectMapper mapper;
    @Context
    HttpServerRequest http;

    // ---- views ----

    /** A job; {@code payload} (its request) and {@code stateData} (what it kept and gave back) are JSON objects. */
    record JobView(long id, String kind, String state, int priority, int attempt, int maxAttempts, Instant runAt, boolean cancelRequested,
                   String progress, String lastError, Instant createdAt, Instant updatedAt, Instant finishedAt, JsonNode payload,
                   JsonNode stateData) {
    }

    record TransitionView(String from, String to, int attempt, String worker, String reason, Instant at) {
        static TransitionView of(JobTransition t) {
            return new TransitionView(t.from() == null ? null : t.from().name(), t.to().name(), t.attempt(), t.worker(), t.reason(), t.at());
        }
    }

    /** A job with every change of its state, oldest first, and for a registration where its outputs went. */
    record JobDetailView(@JsonUnwrapped JobView job, List<TransitionView> transitions, List<SendView> sends) {
    }

    /** A send of a registration's outputs: to whom, where, how many, and how it stands. */
    record SendView(long jobId, String aeTitle, String host, int port, int instances, String state, int attempt, Instant finishedAt,
                    String lastError) {
        static SendView of(Job send, SendRequest request) {
            return new SendView(send.id(), request.aeTitle(), request.host(), request.port(), request.sopInstanceUids().size(),
                    send.state().name(), send.attempt(), send.finishedAt(), send.lastError());
        }
    }

    record Problem(int status, String message) {
    }

    /** {@code POST /api/registrations}: an X-ray, and the level to register (0 or absent: the node's choice). */
    record RegistrationBody(String sopInstanceUid, Integer level) {
    }

    /** {@code POST /api/series/{uid}/targets}: a level, its name, and an LPS point (mm) on it when the series has no labels. */
    record TargetBody(Integer level, String levelName, List<Double> point) {
    }

    // ---- jobs ----

    /**
     * Jobs newest first, optionally of one state and kind, about one series or SOP instance (exact UIDs), one patient (Patient
     * ID) or one vertebra (level name, "L3"), queued {@code from} (inclusive) {@code to} (exclusive): ISO-8601 instants, or
     * dates (a whole day in the node's time zone).
     */
    @GET
    public List<JobView> list(@QueryParam("state") String state, @QueryParam("kind") String kind, @QueryParam("series") String series,
                              @QueryParam("sop") String sop, @QueryParam("patient") String patient, @QueryParam("level") String level,
                              @QueryParam("from") String from, @QueryParam("to") String to,
                              @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("100") int limit) {
        Page page = page(offset, limit);
        JobListing.Filter filter = filter(kind, series, sop).withState(parseState(state)).withPatient(blankToNull(patient))
                .withLevel(blankToNull(level)).createdBetween(time("from", from, false), time("to", to, true));
        return listing.list(filter, page.index * page.size, page.size).stream().map(this::view).toList();
    }

    /** {@code value} as an instant ({@link TimeParameters#instantOrDay}); malformed: a 400 in the job calls' error form. */
    static Instant time(String name, String value, boolean end) {
        try {
            return TimeParameters.instantOrDay(name, value, end);
        } catch (BadRequestException e) {
            throw problem(Status.BAD_REQUEST, e.getMessage());
        }
    }

    /** How often an open event stream looks for job changes. */
    static final java.time.Duration EVENT_POLL = java.time.Duration.ofMillis(500);

    /**
     * The live worklist: a server-sent event for every change of a job's state (the job as {@code GET /api/jobs/{id}}
     * shows it, in the state the change left it), optionally of one kind. Each event's id is the change's number: a
     * client that reconnects with {@code Last-Event-ID} misses nothing; a new stream starts with the changes after it
     * opened. Changes are read from the database, so those made by other nodes' workers show too.
     */
    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> events(@QueryParam("kind") String kind, @HeaderParam("Last-Event-ID") String lastEventId,
                                          @Context Sse sse) {
        long start;
        try {
            start = lastEventId == null ? -1 : Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("Last-Event-ID is the number of an event, not '" + lastEventId + "'");
        }
        return Multi.createFrom().deferred(() -> {
            long[] cursor = {start >= 0 ? start : listing.lastChange()};
            return Multi.createFrom().ticks().every(EVENT_POLL).onOverflow().drop()
                    .emitOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool())
                    .onItem().transformToIterable(tick -> {
                        java.util.List<JobListing.Change> changes = listing.changesAfter(cursor[0], 1000);
                        if (!changes.isEmpty()) {
                            cursor[0] = changes.get(changes.size() - 1).changeNo();
                        }
                        return changes.stream().filter(c -> kind == null || kind.equals(c.job().kind()))
                                .map(c -> sse.newEventBuilder().id(Long.toString(c.changeNo())).name("job")
                                        .mediaType(MediaType.APPLICATION_JSON_TYPE).data(JobView.class, view(c.job())).build())
                                .toList();
                    });
        });
    }

    /** The overlay of a registration (the X-ray with the vertebra's outlines and the legend) as PNG; 404 until there is one. */
    @GET
    @Path("/{id}/overlay.png")
    @Produces("image/png")
    public java.io.File overlay(@PathParam("id") long id) {
        java.nio.file.Path png = storage.overlayPng(id);
        if (!java.nio.file.Files.isRegularFile(png)) {
            throw new jakarta.ws.rs.NotFoundException("job " + id + " has no overlay");
        }
        return png.toFile();
    }

    /** How many jobs are in each state, optionally of one kind or about one series or SOP instance. */
    @GET
    @Path("/counts")
    public Map<JobState, Long> counts(@QueryParam("kind") String kind, @QueryParam("series") String series, @QueryParam("sop") String sop) {
        return listing.countByState(filter(kind, series, sop));
    }

    @GET
    @Path("/{id}")
    public JobDetailView get(@PathParam("id") long id) {
        Job job = queue.find(id).orElseThrow(() -> problem(Status.NOT_FOUND, "no job " + id));
        List<SendView> sends = JobKinds.REGISTRATION.equals(job.kind())
                ? listing.sendsOf(id).stream().map(send -> SendView.of(send, mapper.convertValue(tree(send.payload()), SendRequest.class))).toList()
                : List.of();
        return new JobDetailView(view(job), queue.transitions(id).stream().map(TransitionView::of).toList(), sends);
    }

    /** Queues a finished job again, its attempts counted afresh. */
    @POST
    @RolesAllowed({Roles.TECHNOLOGIST, Roles.ADMINISTRATOR})
    @Path("/{id}/retry")
    public JobView retry(@PathParam("id") long id) {
        Job job = queue.find(id).orElseThrow(() -> refuse(JOB_RETRIED, Status.NOT_FOUND, null, "no job " + id));
        boolean retried;
        try {
            retried = queue.retry(id, actor());
        } catch (JobQueueException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            throw refuse(JOB_RETRIED, Status.CONFLICT, subject(job), "job " + id + " cannot be queued again: another " + job.kind()
                    + " job with its key " + job.uniqueKey() + " is queued or completed");
        }
        if (!retried) {
            JobState now = queue.find(id).map(Job::state).orElse(job.state());
            throw refuse(JOB_RETRIED, Status.CONFLICT, subject(job), "job " + id + " is " + now + ": only a finished job (COMPLETED, FAILED or"
                    + " CANCELLED) can be retried");
        }
        audit.record(JOB_RETRIED, AuditOutcome.SUCCESS, actor(), remote(), subject(job), "job " + id + " (" + job.kind() + ") was "
                + job.state() + ", queued again");
        return view(queue.find(id).orElseThrow());
    }

    /** Cancels an unfinished job: a waiting one at once, a running one at its worker's next heartbeat. */
    @POST
    @RolesAllowed({Roles.TECHNOLOGIST, Roles.ADMINISTRATOR})
    @Path("/{id}/cancel")
    public JobView cancel(@PathParam("id") long id) {
        Job job = queue.find(id).orElseThrow(() -> refuse(JOB_CANCELLED, Status.NOT_FOUND, null, "no job " + id));
        if (job.state().finished()) {
            throw refuse(JOB_CANCELLED, Status.CONFLICT, subject(job), "job " + id + " is already " + job.state());
        }
        Job after = cancelOrRefuse(job, JOB_CANCELLED);
        audit.record(JOB_CANCELLED, AuditOutcome.SUCCESS, actor(), remote(), subject(job), cancelled(after));
        return view(after);
    }

    // ---- registrations ----

    /** {@code POST /api/registrations}. */
    @Path("/api/registrations")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.TECHNOLOGIST, Roles.ADMINISTRATOR})
    public static class Registrations {
        @Inject
        JobResource jobs;

        /** Queues the registration of a stored projection X-ray. 202 with the new job; 200 with the job that already does it. */
        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        public Response register(String json) {
            return jobs.register(json);
        }
    }

    Response register(String json) {
        RegistrationBody body = parse(json, RegistrationBody.class, REGISTRATION_QUEUED, null);
        String sop = body.sopInstanceUid();
        if (sop == null || sop.isBlank()) {
            throw refuse(REGISTRATION_QUEUED, Status.BAD_REQUEST, null, "sopInstanceUid is required");
        }
        int level = body.level() == null ? 0 : body.level();
        if (level < 0) {
            throw refuse(REGISTRATION_QUEUED, Status.BAD_REQUEST, sop, "level " + level + " is negative: a level is a positive number, or 0"
                    + " for the node's choice");
        }
        InstanceRecord instance = InstanceRecord.find("sopInstanceUid", sop).firstResult();
        if (instance == null) {
            throw refuse(REGISTRATION_QUEUED, Status.NOT_FOUND, sop, "no instance " + sop);
        }
        if (!RegistrationRequest.registers(instance.sopClassUid)) {
            throw refuse(REGISTRATION_QUEUED, Status.BAD_REQUEST, sop, "instance " + sop + " is not a projection X-ray (DX, CR, XA or RF):"
                    + " its SOP class is " + instance.sopClassUid);
        }
        RegistrationRequest request = new RegistrationRequest(sop, null, level, actor());
        SeriesRecord series = SeriesRecord.findById(instance.seriesPk);
        StudyRecord study = StudyRecord.findById(series.studyPk);
        return queued(JobKinds.REGISTRATION, request.uniqueKey(), request, REGISTRATION_QUEUED, sop, study.studyInstanceUid,
                series.seriesInstanceUid, "level " + (level == 0 ? "of the node's choice" : level));
    }

    // ---- targets ----

    /** {@code POST /api/series/{seriesUid}/targets} and {@code DELETE /api/series/{seriesUid}/targets/{level}}. */
    @Path("/api/series/{seriesUid}/targets")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.TECHNOLOGIST, Roles.ADMINISTRATOR})
    public static class Targets {
        @Inject
        JobResource jobs;

        /**
         * Queues the preparation of a vertebra of a READY CT series: by its label when the series has labels and no point
         * is given, else around the point. 202 with the new job; 200 with the job that already prepares that level.
         */
        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        public Response add(@PathParam("seriesUid") String seriesUid, String json) {
            return jobs.addTarget(seriesUid, json);
        }

        /** Cancels the unfinished preparation of a level of a series; returns the jobs as they are afterwards. */
        @DELETE
        @Path("/{level}")
        public List<JobView> remove(@PathParam("seriesUid") String seriesUid, @PathParam("level") int level) {
            return jobs.removeTarget(seriesUid, level);
        }
    }

    Response addTarget(String seriesUid, String json) {
        TargetBody body = parse(json, TargetBody.class, TARGET_ADDED, seriesUid);
        if (body.level() == null) {
            throw refuse(TARGET_ADDED, Status.BAD_REQUEST, seriesUid, "level is required");
        }
        if (body.level() < 1) {
            throw refuse(TARGET_ADDED, Status.BAD_REQUEST, seriesUid, "level " + body.level() + " is not a positive number");
        }
        if (body.levelName() == null || body.levelName().isBlank() || body.levelName().length() > MAX_LEVEL_NAME) {
            throw refuse(TARGET_ADDED, Status.BAD_REQUEST, seriesUid, "levelName (what people call the level, e.g. L3) is required, at most "
                    + MAX_LEVEL_NAME + " characters");
        }
        double[] point = point(body.point(), seriesUid);
        SeriesRecord series = SeriesRecord.byUid(seriesUid);
        if (series == null) {
            throw refuse(TARGET_ADDED, Status.NOT_FOUND, seriesUid, "no series " + seriesUid);
        }
        if (series.status != SeriesStatus.READY || !"CT".equals(series.modality)) {
            throw refuse(TARGET_ADDED, Status.CONFLICT, seriesUid, "series " + seriesUid + " is " + series.modality + ", " + series.status
                    + ": vertebrae are prepared from a READY CT series");
        }
        if (point == null && series.labelsPath == null) {
            throw refuse(TARGET_ADDED, Status.BAD_REQUEST, seriesUid, "series " + seriesUid + " has no labels: a point on the vertebra"
                    + " (LPS, mm) is required");
        }
        PreparationRequest request = new PreparationRequest(seriesUid, body.level(), body.levelName().strip(), point, actor());
        StudyRecord study = StudyRecord.findById(series.studyPk);
        return queued(JobKinds.PREPARATION, request.uniqueKey(), request, TARGET_ADDED, seriesUid, study.studyInstanceUid, seriesUid,
                "level " + body.level() + " (" + request.levelName() + ") " + (point == null ? "by its label"
                        : "around " + Arrays.toString(point)));
    }

    List<JobView> removeTarget(String seriesUid, int level) {
        JobListing.Filter filter = JobListing.Filter.ALL.withKind(JobKinds.PREPARATION).withUniqueKey(seriesUid + "/" + level);
        List<Job> unfinished = listing.list(filter, 0, Paging.MAX_LIMIT).stream().filter(j -> !j.state().finished()).toList();
        if (unfinished.isEmpty()) {
            throw refuse(TARGET_REMOVED, Status.NOT_FOUND, seriesUid, "no unfinished preparation of level " + level + " of series "
                    + seriesUid);
        }
        List<Job> cancelled = new ArrayList<>();
        for (Job job : unfinished) {
            cancelled.add(cancelOrRefuse(job, TARGET_REMOVED));
        }
        audit.record(TARGET_REMOVED, AuditOutcome.SUCCESS, actor(), remote(), seriesUid, null, seriesUid, "level " + level + ": "
                + cancelled.stream().map(JobResource::cancelled).collect(Collectors.joining("; ")));
        return cancelled.stream().map(this::view).toList();
    }

    // ---- helpers ----

    /** Enqueues {@code request} unless a job holds its key already (then answers 200 with that job), audits, answers 202. */
    private Response queued(String kind, String uniqueKey, Object request, String event, String objectUid, String studyUid,
                            String seriesUid, String what) {
        Optional<Job> existing = listing.list(JobListing.Filter.ALL.withKind(kind).withUniqueKey(uniqueKey), 0, Paging.MAX_LIMIT).stream()
                .filter(j -> j.state() != JobState.FAILED && j.state() != JobState.CANCELLED).findFirst();
        if (existing.isPresent()) {
            Job job = existing.get();
            return Response.ok(view(job)).location(location(job.id())).build();
        }
        long id = queue.enqueue(NewJob.of(kind, json(request)).withUniqueKey(uniqueKey));
        audit.record(event, AuditOutcome.SUCCESS, actor(), remote(), objectUid, studyUid, seriesUid, "job " + id + ": " + what);
        return Response.accepted(view(queue.find(id).orElseThrow())).location(location(id)).build();
    }

    /** Cancels {@code job}, or refuses with 409 when it finished meanwhile. */
    private Job cancelOrRefuse(Job job, String event) {
        Job after = queue.cancel(job.id(), actor()).orElseThrow(() -> refuse(event, Status.NOT_FOUND, subject(job), "no job " + job.id()));
        if (after.state() != JobState.CANCELLED && !after.cancelRequested()) {
            throw refuse(event, Status.CONFLICT, subject(job), "job " + job.id() + " finished meanwhile: it is " + after.state());
        }
        return after;
    }

    private static String cancelled(Job job) {
        return "job " + job.id() + " (" + job.kind() + ") " + (job.state() == JobState.CANCELLED ? "cancelled"
                : "asked to stop while it runs");
    }

    private JobView view(Job j) {
        return new JobView(j.id(), j.kind(), j.state().name(), j.priority(), j.attempt(), j.maxAttempts(), j.runAt(), j.cancelRequested(),
                j.progress(), j.lastError(), j.createdAt(), j.updatedAt(), j.finishedAt(), tree(j.payload()), tree(j.stateData()));
    }

    private JsonNode tree(String json) {
        try {
            return mapper.readTree(json == null ? "{}" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a job holds JSON that does not parse: " + e.getOriginalMessage(), e);
        }
    }

    private String json(Object request) {
        try {
            return mapper.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + request + " as JSON", e);
        }
    }

    /** The UID a job is about, for the audit trail: its X-ray, else its series. */
    private String subject(Job job) {
        JsonNode p = tree(job.payload());
        return p.hasNonNull("sopInstanceUid") ? p.get("sopInstanceUid").asText()
                : p.hasNonNull("seriesInstanceUid") ? p.get("seriesInstanceUid").asText() : null;
    }

    /** Reads a request body strictly: unknown fields, trailing text, fractions where whole numbers belong are refused. */
    private <T> T parse(String json, Class<T> type, String event, String objectUid) {
        if (json == null || json.isBlank()) {
            throw refuse(event, Status.BAD_REQUEST, objectUid, "a JSON object is required as the body");
        }
        try {
            return mapper.readerFor(type)
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                    .readValue(json);
        } catch (UnrecognizedPropertyException e) {
            throw refuse(event, Status.BAD_REQUEST, objectUid, "unknown field '" + e.getPropertyName() + "'; the fields are "
                    + e.getKnownPropertyIds());
        } catch (MismatchedInputException e) {
            String field = field(e);
            throw refuse(event, Status.BAD_REQUEST, objectUid, field.isEmpty() ? "the body must be a JSON object"
                    : "field '" + field + "' must be " + expected(e.getTargetType()));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw refuse(event, Status.BAD_REQUEST, objectUid, "malformed JSON" + where + ": " + e.getOriginalMessage());
        }
    }

    private static String field(JsonMappingException e) {
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                s.append(s.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                s.append('[').append(r.getIndex()).append(']');
            }
        }
        return s.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        return List.class.isAssignableFrom(type) ? "an array" : "of another type";
    }

    /** The point of a target: null when not given, else three finite numbers. */
    private double[] point(List<Double> point, String seriesUid) {
        if (point == null) {
            return null;
        }
        if (point.size() != 3 || point.stream().anyMatch(c -> c == null || !Double.isFinite(c))) {
            throw refuse(TARGET_ADDED, Status.BAD_REQUEST, seriesUid, "point must be three finite numbers (LPS, mm), got " + point);
        }
        return point.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static JobListing.Filter filter(String kind, String series, String sop) {
        return JobListing.Filter.ALL.withKind(blankToNull(kind)).withSeries(blankToNull(series)).withSopInstance(blankToNull(sop));
    }

    private static JobState parseState(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return JobState.valueOf(state.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw problem(Status.BAD_REQUEST, "unknown job state '" + state + "'; the states are " + Arrays.toString(JobState.values()));
        }
    }

    private static Page page(int offset, int limit) {
        try {
            return Paging.of(offset, limit);
        } catch (BadRequestException e) {
            throw problem(Status.BAD_REQUEST, e.getMessage());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static URI location(long id) {
        return URI.create("/api/jobs/" + id);
    }

    /** Who the call is made by, as the audit and the job's transitions name them: the signed-in user. */
    private String actor() {
        return identity == null || identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    private String remote() {
        return http == null || http.remoteAddress() == null ? null : http.remoteAddress().host();
    }

    /** Audits a refused call and returns the error to throw. */
    private WebApplicationException refuse(String event, Status status, String objectUid, String message) {
        audit.record(event, AuditOutcome.REFUSED, actor(), remote(), objectUid, message);
        return problem(status, message);
    }

    private static WebApplicationException problem(Status status, String message) {
        return new WebApplicationException(message, Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new Problem(status.getStatusCode(), message)).build());
    }
}
