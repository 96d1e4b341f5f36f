package org.vertreg.api;

import io.quarkus.test.security.TestSecurity;
import org.vertreg.api.security.Roles;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vertreg.dicom.DicomScp;
import org.vertreg.jobs.Job;
import org.vertreg.jobs.JobKinds;
import org.vertreg.jobs.JobQueue;
import org.vertreg.jobs.NewJob;
import org.vertreg.testing.DcmtkTool;
import org.vertreg.testing.XrayFixture;

/**
 * The job API as an operator uses it: registrations and targets queued, watched, retried, cancelled; every refusal a
 * clear 400, 404 or 409 that queues nothing; every change in the audit trail. Asserts on the queued rows only: whether
 * workers then run them is not this test's concern.
 */
@QuarkusTest
@TestSecurity(user = "tester", roles = Roles.ADMINISTRATOR) // access control itself: AccessControlTest
class JobResourceTest {
    /** A stored DX X-ray, sent through the node's DICOM port. */
    private static final XrayFixture XRAY = new XrayFixture("JobResourceTest/xray");
    /** READY CT series, one with labels and one without; an UNUSABLE CT series; a CT image in the first. */
    private static final String LABELLED = "1.2.826.0.1.3680043.9.7777.41";
    private static final String UNLABELLED = "1.2.826.0.1.3680043.9.7777.42";
    private static final String UNUSABLE = "1.2.826.0.1.3680043.9.7777.43";
    private static final String CT_IMAGE = "1.2.826.0.1.3680043.9.7777.41.1";
    private static final String UNKNOWN = "1.2.826.0.1.3680043.9.7777.99";
    private static boolean stored;

    @Inject
    DicomScp scp;
    @Inject
    DataSource dataSource;
    @Inject
    JobQueue queue;

    @BeforeEach
    void archiveHoldsAnXrayAndCtSeries() throws Exception {
        if (stored) {
            return;
        }
        Path folder = Files.createTempDirectory("jobs-api");
        assertTrue(DcmtkTool.store(scp.port(), "CARM", List.of(XRAY.write(folder.toFile(), "JOBS-API").toString())).succeeded());
        try (Connection c = dataSource.getConnection()) {
            sql(c, "insert into patient (patient_id) values ('JOBS-API-CT') on conflict do nothing");
            sql(c, "insert into study (patient_pk, study_instance_uid) select id, '" + LABELLED + ".9' from patient "
                    + "where patient_id = 'JOBS-API-CT' on conflict do nothing");
            series(c, LABELLED, "READY", "labels/" + LABELLED + ".nii.gz");
            series(c, UNLABELLED, "READY", null);
            series(c, UNUSABLE, "UNUSABLE", null);
            sql(c, "insert into instance (series_pk, sop_instance_uid, sop_class_uid, transfer_syntax_uid, file_path, file_size) "
                    + "select id, '" + CT_IMAGE + "', '1.2.840.10008.5.1.4.1.1.2', '1.2.840.10008.1.2.1', 'ct/1.dcm', 1 from series "
                    + "where series_instance_uid = '" + LABELLED + "' on conflict do nothing");
        }
        stored = true;
    }

    // ---- registrations ----

    @Test
    void aStoredXrayIsQueuedForRegistrationOnce() {
        // its arrival queued its registration (the node's choice of level); asking again gives that job, nothing new queued
        Response again = post("/api/registrations", "{\"sopInstanceUid\": \"" + XRAY.sopInstanceUid + "\", \"level\": 0}");
        again.then().statusCode(200)
                .header("Location", endsWith("/api/jobs/" + again.path("id")))
                .body("kind", is(JobKinds.REGISTRATION))
                .body("payload.sopInstanceUid", is(XRAY.sopInstanceUid))
                .body("payload.level", is(0))
                .body("payload.requestedBy", is("dicom"));
        int id = again.path("id");
        post("/api/registrations", "{\"sopInstanceUid\": \"" + XRAY.sopInstanceUid + "\"}").then().statusCode(200).body("id", is(id));

        // another level by hand is another registration
        Response level2 = post("/api/registrations", "{\"sopInstanceUid\": \"" + XRAY.sopInstanceUid + "\", \"level\": 2}");
        level2.then().statusCode(202)
                .header("Location", endsWith("/api/jobs/" + level2.path("id")))
                .body("state", is("AVAILABLE"))
                .body("attempt", is(0))
                .body("payload.level", is(2))
                .body("payload.requestedBy", is("tester"))
                .body("payload.callingAeTitle", nullValue())
                .body("stateData", is(Map.of()));
        int second = level2.path("id");

        given().queryParam("sop", XRAY.sopInstanceUid).get("/api/jobs").then().statusCode(200)
                .body("id", hasItems(second, id)).body("id", hasSize(2));
        given().queryParam("type", "REGISTRATION_QUEUED").queryParam("object", XRAY.sopInstanceUid).get("/api/audit").then()
                .statusCode(200).body("findAll { it.outcome == 'SUCCESS' }.detail", hasItems("job " + second + ": level 2"))
                .body("findAll { it.outcome == 'SUCCESS' }.seriesUid", everyItem(is(XRAY.seriesUid)))
                .body("findAll { it.outcome == 'SUCCESS' }.studyUid", everyItem(is(XRAY.studyUid)))
                .body("actor", everyItem(is("tester")));
    }

    @Test
    void registrationsOfWhatIsNotAStoredXrayAreRefused() {
        long before = jobCount();
        post("/api/registrations", "{\"sopInstanceUid\": \"" + UNKNOWN + "\"}").then().statusCode(404)
                .body("message", containsString("no instance " + UNKNOWN));
        post("/api/registrations", "{\"sopInstanceUid\": \"" + CT_IMAGE + "\"}").then().statusCode(400)
                .body("message", containsString("not a projection X-ray"));
        post("/api/registrations", "{\"sopInstanceUid\": \"" + XRAY.sopInstanceUid + "\", \"level\": -1}").then().statusCode(400)
                .body("message", containsString("negative"));
        post("/api/registrations", "{\"level\": 1}").then().statusCode(400).body("message", containsString("sopInstanceUid is required"));
        post("/api/registrations", "{\"sopInstanceUid\": \"" + XRAY.sopInstanceUid + "\", \"level\": 1.5}").then().statusCode(400)
                .body("message", is("field 'level' must be a whole number"));
        post("/api/registrations", "{\"sopInstanceUid\": \"" + XRAY.sopInstanceUid + "\", \"levle\": 1}").then().statusCode(400)
                .body("message", containsString("unknown field 'levle'"));
        post("/api/registrations", "{\"sopInstanceUid\": \"" + XRAY.sopInstanceUid).then().statusCode(400)
                .body("message", containsString("malformed JSON"));
        post("/api/registrations", "[\"" + XRAY.sopInstanceUid + "\"]").then().statusCode(400)
                .body("message", is("the body must be a JSON object"));
        post("/api/registrations", "").then().statusCode(400).body("message", containsString("required as the body"));
        assertEquals(before, jobCount(), "a refused registration queues nothing");
        given().queryParam("type", "REGISTRATION_QUEUED").queryParam("object", CT_IMAGE).get("/api/audit").then().statusCode(200)
                .body("outcome", hasItem("REFUSED"));
    }

    // ---- targets ----

    @Test
    void aLevelOfALabelledSeriesIsQueuedByItsLabel() {
        Response r = post("/api/series/" + LABELLED + "/targets", "{\"level\": 29, \"levelName\": \"L3\"}");
        r.then().statusCode(202)
                .header("Location", endsWith("/api/jobs/" + r.path("id")))
                .body("kind", is(JobKinds.PREPARATION))
                .body("state", is("AVAILABLE"))
                .body("payload.seriesInstanceUid", is(LABELLED))
                .body("payload.level", is(29))
                .body("payload.levelName", is("L3"))
                .body("payload.point", nullValue())
                .body("payload.requestedBy", is("tester"));
        int id = r.path("id");
        post("/api/series/" + LABELLED + "/targets", "{\"level\": 29, \"levelName\": \"L3\"}").then().statusCode(200).body("id", is(id));
        given().queryParam("series", LABELLED).queryParam("kind", JobKinds.PREPARATION).get("/api/jobs").then().statusCode(200)
                .body("id", hasItem(id));
        given().queryParam("type", "TARGET_ADDED").queryParam("object", LABELLED).get("/api/audit").then().statusCode(200)
                .body("detail", hasItem("job " + id + ": level 29 (L3) by its label"))
                .body("remoteAddress", everyItem(notNullValue()));
        // the targets' own root leaves the rest of the series' paths to the series resource
        given().get("/api/series/" + LABELLED).then().statusCode(200).body("hasLabels", is(true));
        given().get("/api/series/" + LABELLED + "/instances").then().statusCode(200).body("sopInstanceUid", hasItem(CT_IMAGE));
    }

    @Test
    void aSeriesWithoutLabelsNeedsAPointOnTheVertebra() {
        post("/api/series/" + UNLABELLED + "/targets", "{\"level\": 3, \"levelName\": \"L3\"}").then().statusCode(400)
                .body("message", containsString("has no labels"));
        Response r = post("/api/series/" + UNLABELLED + "/targets", "{\"level\": 3, \"levelName\": \"L3\", \"point\": [1.5, -20, 300]}");
        r.then().statusCode(202).body("payload.seriesInstanceUid", is(UNLABELLED)).body("payload.point", hasSize(3));
        List<Number> point = r.path("payload.point");
        assertEquals(List.of(1.5, -20.0, 300.0), point.stream().map(Number::doubleValue).toList());
    }

    @Test
    void targetsOfWhatIsNotAReadyCtOrMalformedAreRefused() {
        long before = jobCount();
        String l3 = "{\"level\": 5, \"levelName\": \"L3\", \"point\": [0, 0, 0]}";
        post("/api/series/" + UNKNOWN + "/targets", l3).then().statusCode(404).body("message", containsString("no series"));
        post("/api/series/" + UNUSABLE + "/targets", l3).then().statusCode(409).body("message", containsString("is CT, UNUSABLE"));
        post("/api/series/" + XRAY.seriesUid + "/targets", l3).then().statusCode(409).body("message", containsString("is DX, STORED"));
        String target = "/api/series/" + UNLABELLED + "/targets";
        post(target, "{\"levelName\": \"L3\", \"point\": [0, 0, 0]}").then().statusCode(400).body("message", is("level is required"));
        post(target, "{\"level\": 0, \"levelName\": \"L3\", \"point\": [0, 0, 0]}").then().statusCode(400)
                .body("message", containsString("not a positive number"));
        post(target, "{\"level\": 5, \"point\": [0, 0, 0]}").then().statusCode(400).body("message", containsString("levelName"));
        post(target, "{\"level\": 5, \"levelName\": \"L3\", \"point\": [0, 0]}").then().statusCode(400)
                .body("message", containsString("three finite numbers"));
        post(target, "{\"level\": 5, \"levelName\": \"L3\", \"point\": [1e999, 0, 0]}").then().statusCode(400)
                .body("message", containsString("three finite numbers"));
        post(target, "{\"level\": 5, \"levelName\": \"L3\", \"point\": [\"NaN\", 0, 0]}").then().statusCode(400)
                .body("message", containsString("three finite numbers"));
        post(target, "{\"level\": 5, \"levelName\": \"L3\", \"point\": [null, 0, 0]}").then().statusCode(400)
                .body("message", containsString("three finite numbers"));
        post(target, "{\"level\": 5, \"levelName\": \"L3\", \"point\": \"0 0 0\"}").then().statusCode(400)
                .body("message", is("field 'point' must be an array"));
        post(target, "{\"level\": 5, \"levelName\": \"L3\", \"point\": [0, 0, 0]} trailing").then().statusCode(400)
                .body("message", containsString("malformed JSON"));
        post(target, "{level: 5}").then().statusCode(400).body("message", containsString("malformed JSON"));
        assertEquals(before, jobCount(), "a refused target queues nothing");
        given().queryParam("type", "TARGET_ADDED").queryParam("object", UNUSABLE).get("/api/audit").then().statusCode(200)
                .body("outcome", hasItem("REFUSED"));
    }

    @Test
    void removingATargetCancelsItsUnfinishedPreparation() {
        int first = post("/api/series/" + LABELLED + "/targets", "{\"level\": 30, \"levelName\": \"L4\"}").then().statusCode(202)
                .extract().path("id");
        given().delete("/api/series/" + LABELLED + "/targets/30").then().statusCode(200)
                .body("id", is(List.of(first))).body("state", is(List.of("CANCELLED")));
        given().delete("/api/series/" + LABELLED + "/targets/30").then().statusCode(404)
                .body("message", containsString("no unfinished preparation of level 30"));
        given().queryParam("type", "TARGET_REMOVED").queryParam("object", LABELLED).get("/api/audit").then().statusCode(200)
                .body("outcome", hasItems("SUCCESS", "REFUSED"))
                .body("detail", hasItem("level 30: job " + first + " (" + JobKinds.PREPARATION + ") cancelled"));

        // the level asked for again is a new job; the cancelled one cannot come back beside it
        int second = post("/api/series/" + LABELLED + "/targets", "{\"level\": 30, \"levelName\": \"L4\"}").then().statusCode(202)
                .extract().path("id");
        assertTrue(second != first);
        given().post("/api/jobs/" + first + "/retry").then().statusCode(409).body("message", containsString("another"));
        given().get("/api/jobs/" + first).then().statusCode(200).body("state", is("CANCELLED"));
    }

    // ---- jobs ----

    @Test
    void jobsAreListedNewestFirstWithTheirTransitions() {
        int older = post("/api/series/" + UNLABELLED + "/targets", "{\"level\": 11, \"levelName\": \"T11\", \"point\": [0, 0, 0]}").then()
                .statusCode(202).extract().path("id");
        int newer = post("/api/series/" + UNLABELLED + "/targets", "{\"level\": 12, \"levelName\": \"T12\", \"point\": [0, 0, 0]}").then()
                .statusCode(202).extract().path("id");
        List<Integer> ids = given().queryParam("series", UNLABELLED).queryParam("state", "available").get("/api/jobs").then()
                .statusCode(200).extract().path("id");
        assertTrue(ids.indexOf(newer) < ids.indexOf(older) && ids.indexOf(older) >= 0, "newest first: " + ids);
        given().queryParam("series", UNLABELLED).queryParam("limit", 1).queryParam("offset", ids.indexOf(older)).get("/api/jobs").then()
                .statusCode(200).body("id", is(List.of(older)));
        given().queryParam("series", UNLABELLED).queryParam("state", "COMPLETED").get("/api/jobs").then().statusCode(200)
                .body("id", hasSize(0));
        given().queryParam("kind", JobKinds.REGISTRATION).queryParam("series", UNLABELLED).get("/api/jobs").then().statusCode(200)
                .body("id", hasSize(0));
        given().queryParam("series", UNLABELLED).get("/api/jobs/counts").then().statusCode(200)
                .body("AVAILABLE", is(ids.size())).body("COMPLETED", is(0)).body("RUNNING", is(0));

        given().get("/api/jobs/" + newer).then().statusCode(200)
                .body("id", is(newer))
                .body("payload.levelName", is("T12"))
                .body("createdAt", notNullValue())
                .body("finishedAt", nullValue())
                .body("transitions", hasSize(1))
                .body("transitions[0].from", nullValue())
                .body("transitions[0].to", is("AVAILABLE"))
                .body("transitions[0].reason", is("enqueued"));
    }

    @Test
    void jobsAreFoundByPatientLevelAndDay() {
        int t1 = post("/api/series/" + UNLABELLED + "/targets", "{\"level\": 1, \"levelName\": \"T1\", \"point\": [0, 0, 0]}").then()
                .statusCode(202).extract().path("id");
        int xray = given().queryParam("sop", XRAY.sopInstanceUid).queryParam("limit", 500).get("/api/jobs").then().statusCode(200)
                .extract().path("find { it.payload.level == 0 }.id");

        // by patient: the CT's patient has the preparation, the X-ray's patient the registration
        List<Integer> ctPatient = given().queryParam("patient", "JOBS-API-CT").queryParam("limit", 500).get("/api/jobs").then().statusCode(200)
                .extract().path("id");
        assertTrue(ctPatient.contains(t1) && !ctPatient.contains(xray), ctPatient.toString());
        given().queryParam("patient", "JOBS-API").queryParam("limit", 500).get("/api/jobs").then().statusCode(200)
                .body("id", hasItem(xray)).body("id", not(hasItem(t1)));
        given().queryParam("patient", "NOBODY-AT-ALL").get("/api/jobs").then().statusCode(200).body("id", hasSize(0));

        // by level
        given().queryParam("level", "T1").get("/api/jobs").then().statusCode(200).body("id", hasItem(t1))
                .body("payload.levelName", everyItem(is("T1")));

        // by day and time queued
        String today = java.time.LocalDate.now().toString();
        String tomorrow = java.time.LocalDate.now().plusDays(1).toString();
        given().queryParam("level", "T1").queryParam("from", today).queryParam("to", today).get("/api/jobs").then().statusCode(200)
                .body("id", hasItem(t1));
        given().queryParam("level", "T1").queryParam("from", tomorrow).get("/api/jobs").then().statusCode(200).body("id", hasSize(0));
        given().queryParam("level", "T1").queryParam("to", "2020-01-01T00:00:00Z").get("/api/jobs").then().statusCode(200)
                .body("id", hasSize(0));
        given().queryParam("from", "yesterday").get("/api/jobs").then().statusCode(400).body("message", containsString("from is an ISO-8601"));
        given().queryParam("to", "2026-13-01").get("/api/jobs").then().statusCode(400).body("message", containsString("to is an ISO-8601"));
    }

    @Test
    void badJobQueriesAreClearErrors() {
        given().queryParam("state", "LOST").get("/api/jobs").then().statusCode(400)
                .body("message", containsString("unknown job state 'LOST'")).body("message", containsString("AVAILABLE"));
        given().queryParam("limit", 0).get("/api/jobs").then().statusCode(400).body("message", containsString("limit"));
        given().get("/api/jobs/987654321").then().statusCode(404).body("message", is("no job 987654321"));
        given().post("/api/jobs/987654321/retry").then().statusCode(404);
        given().post("/api/jobs/987654321/cancel").then().statusCode(404);
    }

    @Test
    void onlyAnUnfinishedJobIsCancelledAndOnlyAFinishedOneRetried() {
        int id = post("/api/series/" + UNLABELLED + "/targets", "{\"level\": 13, \"levelName\": \"T13\", \"point\": [0, 0, 0]}").then()
                .statusCode(202).extract().path("id");
        given().post("/api/jobs/" + id + "/retry").then().statusCode(409).body("message", containsString("is AVAILABLE"));
        given().post("/api/jobs/" + id + "/cancel").then().statusCode(200).body("state", is("CANCELLED"))
                .body("finishedAt", notNullValue());
        given().post("/api/jobs/" + id + "/cancel").then().statusCode(409).body("message", containsString("already CANCELLED"));
        given().post("/api/jobs/" + id + "/retry").then().statusCode(200).body("state", is("AVAILABLE")).body("attempt", is(0))
                .body("finishedAt", nullValue());
        given().get("/api/jobs/" + id).then().statusCode(200).body("transitions.to", is(List.of("AVAILABLE", "CANCELLED", "AVAILABLE")))
                .body("transitions.worker", is(Arrays.asList(null, "tester", "tester")));
        given().queryParam("object", UNLABELLED).get("/api/audit").then().statusCode(200)
                .body("eventType", hasItems("JOB_CANCELLED", "JOB_RETRIED"))
                .body("detail", hasItem("job " + id + " (" + JobKinds.PREPARATION + ") was CANCELLED, queued again"));
    }

    @Test
    void aRunningJobIsAskedToStop() {
        long id = queue.enqueue(NewJob.of("api-test", "{\"sopInstanceUid\": \"" + UNKNOWN + "\"}").withPriority(100));
        List<Job> claimed = queue.claim(List.of("api-test"), "JobResourceTest", 1, Duration.ofMinutes(5));
        assertEquals(List.of(id), claimed.stream().map(Job::id).toList());
        given().post("/api/jobs/" + id + "/cancel").then().statusCode(200).body("state", is("RUNNING")).body("cancelRequested", is(true));
        given().queryParam("type", "JOB_CANCELLED").queryParam("object", UNKNOWN).get("/api/audit").then().statusCode(200)
                .body("detail", hasItem("job " + id + " (api-test) asked to stop while it runs"));
        given().queryParam("state", "RUNNING").get("/api/jobs").then().statusCode(200).body("id", hasItem((int) id));
    }

    private static Response post(String path, String json) {
        return given().contentType(ContentType.JSON).body(json).post(path);
    }

    private static long jobCount() {
        Map<String, Number> counts = given().get("/api/jobs/counts").then().statusCode(200).extract().jsonPath().getMap("$");
        return counts.values().stream().mapToLong(Number::longValue).sum();
    }

    private static void series(Connection c, String uid, String status, String labels) throws Exception {
        try (PreparedStatement s = c.prepareStatement("insert into series (study_pk, series_instance_uid, modality, status, labels_path) "
                + "select id, ?, 'CT', ?, ? from study where study_instance_uid = ? on conflict do nothing")) {
            s.setString(1, uid);
            s.setString(2, status);
            s.setString(3, labels);
            s.setString(4, LABELLED + ".9");
            s.executeUpdate();
        }
    }

    private static void sql(Connection c, String statement) throws Exception {
        try (var s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }
}
