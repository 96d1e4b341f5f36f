package org.vertreg.jobs;

import io.quarkus.test.security.TestSecurity;
import org.vertreg.api.security.Roles;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.vertreg.dicom.DicomScp;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.RigidTransform;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.testing.Await;
import org.vertreg.testing.DcmtkTool;
import org.vertreg.testing.QuietPeriod;
import org.vertreg.testing.SettableClock;

/**
 * The node's main job on the synthetic spine: a CT and its segmentation arrive by C-STORE, the node prepares the named
 * level (one training step, as barely trained as the register command's test model, whose refinement finishes from a start near the mean pose), an X-ray arrives before the model is ready and waits visibly, then is registered; the
 * Spatial Registration object and the overlay go back by C-STORE to the C-arm that sent the X-ray (dcmtk's storescp),
 * sent again once the destination, down at first, is back; valid for dciodvfy, the RIGID matrix orthonormal, the pose within 2 mm mTRE of the X-ray's true pose.
 */
@QuarkusTest
@TestSecurity(user = "tester", roles = Roles.ADMINISTRATOR) // access control itself: AccessControlTest
@TestProfile(NodeMainJobTest.Workers.class)
class NodeMainJobTest {
    static final int DESTINATION_PORT = freePort();
    static Process storescp;

    /**
     * Workers on, a training of one step (one epoch of one batch: repeatable, where a time budget is not), outputs back to the sender: the C-arm CARM (a storescp this test starts) or
     * Orthanc ({@link OrthancMainJobTest}). One profile for every test with workers: the PyTorch native library loads
     * once per JVM, so a second Quarkus application (another profile) could not load it again.
     */
    public static class Workers implements QuarkusTestProfile {
        static final int ORTHANC_PORT = freePort();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vertreg.jobs.workers", "true", "vertreg.jobs.preparation.budget", "30s", "vertreg.jobs.preparation.epochs", "1",
                    "vertreg.jobs.preparation.samples", "32",
                    "vertreg.jobs.preparation.validation-samples", "8", "vertreg.jobs.preparation.anatomy", "vertebra-alone",
                    "vertreg.jobs.preparation.levels", "L1", "vertreg.jobs.outputs.peers",
                    "CARM=127.0.0.1:" + DESTINATION_PORT + ",ORTHANC=127.0.0.1:" + ORTHANC_PORT, "vertreg.jobs.poll-interval", "200ms");
        }
    }

    @Inject
    DicomScp scp;
    @Inject
    QuietPeriod quiet;
    @Inject
    SettableClock clock;
    @Inject
    JobQueue queue;
    @Inject
    ObjectMapper json;
    @Inject
    DataSource db;

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopDestination() {
        if (storescp != null) {
            storescp.destroyForcibly();
        }
    }

    /**
     * The newest job of {@code kind} for patient {@code patientId} (its CT series or its X-ray), once there is one: the
     * tests sharing this application each have a patient of their own.
     */
    static Job jobOf(DataSource db, JobQueue queue, String kind, String patientId) {
        String sql = """
                select coalesce(max(j.id), 0) from job j
                left join instance i on i.sop_instance_uid = j.payload->>'sopInstanceUid'
                left join series xs on xs.id = i.series_pk
                join series s on s.series_instance_uid = coalesce(j.payload->>'seriesInstanceUid', xs.series_instance_uid)
                join study st on st.id = s.study_pk join patient p on p.id = st.patient_pk
                where j.kind = '%s' and p.patient_id = '%s'""".formatted(kind, patientId);
        long id = Await.until(() -> WorkerPoolTest.count(db, sql), n -> n > 0, Duration.ofMinutes(1), "a " + kind + " job of " + patientId);
        return queue.find(id).orElseThrow();
    }

    Job onlyJob(String kind) {
        return jobOf(db, queue, kind, "SPINE-1");
    }

    Job await(long id, JobState state, Duration within) {
        return Await.until(() -> queue.find(id).orElseThrow(), j -> j.state() == state || j.state() == JobState.FAILED, within,
                "job " + id + " " + state);
    }

    @Test
    void aCtAndAnXrayComeBackAsASpatialRegistrationAndAnOverlay() throws Exception {
        Path dir = Files.createTempDirectory("main-job");
        Path received = Files.createDirectories(dir.resolve("received"));

        PhantomCase patient = PhantomCase.write(dir, "SPINE-1");

        assertTrue(DcmtkTool.store(scp.port(), "SCANNER", List.of(patient.ctFolder().toString(), patient.segFolder().toString())).succeeded());
        quiet.elapse();
        Job preparation = onlyJob(JobKinds.PREPARATION); // label 20 is L1 in the TPTBox names; only L1 is configured
        assertTrue(preparation.payload().contains("\"L1\""), preparation.payload());

        // The X-ray arrives while its model trains: its job waits, saying why.
        assertTrue(DcmtkTool.store(scp.port(), "CARM", List.of(patient.xray().toString())).succeeded());
        Job registration = onlyJob(JobKinds.REGISTRATION);
        Job waiting = Await.until(() -> queue.find(registration.id()).orElseThrow(), j -> j.progress() != null, Duration.ofSeconds(60),
                "the X-ray to wait for its model");
        assertEquals(JobState.AVAILABLE, waiting.state());
        assertTrue(waiting.progress().startsWith("waiting for a prepared model: preparing L1"), waiting.progress());

        Job prepared = await(preparation.id(), JobState.COMPLETED, Duration.ofMinutes(5));
        assertEquals(JobState.COMPLETED, prepared.state(), prepared.lastError());
        // the finished preparation wakes the waiting X-ray at once, without its next look (the clock does not move)
        Job registered = await(registration.id(), JobState.COMPLETED, Duration.ofMinutes(3));
        assertEquals(JobState.COMPLETED, registered.state(), registered.lastError());
        JsonNode result = json.readTree(registered.stateData());
        assertEquals("L1", result.get("level").asText());
        assertEquals("the only prepared level", result.get("levelRule").asText());
        assertEquals(1, registered.attempt(), "waiting charged no attempt");
        assertTrue(result.get("targetKept").asBoolean(), "the preparation kept the CT and vertebra for the first X-ray");

        // The destination is down: the send fails, the outputs stay, and they go once it is back.
        long send = result.get("sendJobId").asLong();
        Job refused = Await.until(() -> queue.find(send).orElseThrow(), j -> j.state() == JobState.RETRYABLE, Duration.ofMinutes(1),
                "the send to a destination that is down to fail");
        assertTrue(refused.lastError().contains("127.0.0.1:" + DESTINATION_PORT), refused.lastError());
        storescp = new ProcessBuilder("storescp", "-aet", "CARM", "-od", received.toString(), String.valueOf(DESTINATION_PORT))
                .redirectErrorStream(true).redirectOutput(dir.resolve("storescp.log").toFile()).start();
        Await.until(() -> DcmtkTool.run("echoscu", "-aec", "CARM", "127.0.0.1", String.valueOf(DESTINATION_PORT)).succeeded(), ok -> ok,
                Duration.ofSeconds(30), "storescp to answer");
        clock.advance(Duration.ofSeconds(5)); // vertreg.jobs.backoff-first
        Job sent = await(send, JobState.COMPLETED, Duration.ofMinutes(1));
        assertEquals(JobState.COMPLETED, sent.state(), sent.lastError());
        assertEquals(2, sent.attempt());
        List<Path> files;
        try (Stream<Path> s = Files.list(received)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        assertEquals(2, files.size(), "storescp received " + files);
        Path reg = files.stream().filter(f -> sopClass(f).equals("1.2.840.10008.5.1.4.1.1.66.1")).findFirst().orElseThrow();
        Path sc = files.stream().filter(f -> !f.equals(reg)).findFirst().orElseThrow();
        for (Path f : List.of(reg, sc)) {
            DcmtkTool.Result v = DcmtkTool.run("dciodvfy", f.toString());
            assertFalse(v.output().lines().anyMatch(l -> l.startsWith("Error")), v.output());
        }

        AttributeList l = new AttributeList();
        l.read(reg.toFile());
        double[] matrix = matrixOfFirstRegistration(l);
        assertTrue(RigidTransform.isOrthonormal(new double[] {matrix[0], matrix[1], matrix[2], matrix[4], matrix[5], matrix[6], matrix[8],
                matrix[9], matrix[10]}, 1e-6), "RIGID matrix not orthonormal");
        double[] p = Attribute.getDoubleValues(l, new AttributeTag(0x0073, 0x1004));
        Pose carried = new Pose(p[0], p[1], p[2], p[3], p[4], p[5]);
        CroppedVertebra crop = patient.crop();
        double mTre = patient.mTreMm(carried);
        assertEquals(mTre, result.get("trueMtreMm").asDouble(), 0.01, "the job's own score against the X-ray's true pose");
        assertTrue(mTre < 2.0, "the pose the REG carries is " + mTre + " mm mTRE from the truth; the job: " + registered.stateData());
        RigidTransform expected = carried.toRigidTransform(crop.centroid());
        assertTrue(expected.equalsWithin(RigidTransform.fromMatrix4(matrix), 1e-3), "the matrix is the carried pose about the centroid");

        // The patient's and the CT's registration history both list it, with its pose and quality.
        given().get("/api/patients/SPINE-1/registrations").then().statusCode(200).body("jobId", org.hamcrest.Matchers.hasItem((int) registration.id()))
                .body("find { it.jobId == " + registration.id() + " }.level", org.hamcrest.Matchers.is("L1"))
                .body("find { it.jobId == " + registration.id() + " }.pose.size()", org.hamcrest.Matchers.is(6))
                .body("find { it.jobId == " + registration.id() + " }.state", org.hamcrest.Matchers.is("COMPLETED"));
        given().get("/api/series/" + result.get("ctSeriesInstanceUid").asText() + "/registrations").then().statusCode(200)
                .body("jobId", org.hamcrest.Matchers.hasItem((int) registration.id()));
        given().get("/api/patients/NOBODY-AT-ALL/registrations").then().statusCode(404);
        byte[] png = given().get("/api/jobs/" + registration.id() + "/overlay.png").then().statusCode(200).contentType("image/png").extract()
                .asByteArray();
        java.awt.image.BufferedImage overlay = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        assertEquals(512, overlay.getWidth(), "the 128-pixel detector enlarged 4 times");
        given().get("/api/jobs/" + send + "/overlay.png").then().statusCode(404);
        // Its detail says where the outputs went, and the stages' times.
        given().get("/api/jobs/" + registration.id()).then().statusCode(200)
                .body("sends.jobId", org.hamcrest.Matchers.is(List.of((int) send)))
                .body("sends[0].aeTitle", org.hamcrest.Matchers.is("CARM"))
                .body("sends[0].port", org.hamcrest.Matchers.is(DESTINATION_PORT))
                .body("sends[0].instances", org.hamcrest.Matchers.is(2))
                .body("sends[0].state", org.hamcrest.Matchers.is("COMPLETED"))
                .body("sends[0].attempt", org.hamcrest.Matchers.is(2))
                .body("stateData.stageMs.refine", org.hamcrest.Matchers.notNullValue());

        // The jobs' transitions are in the audit trail: the registration's, and the send with its destination.
        given().queryParam("type", "JOB_COMPLETED").queryParam("object", patient.xraySopInstanceUid()).get("/api/audit").then().statusCode(200)
                .body("detail", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.startsWith("register-xray job " + registration.id())));
        given().queryParam("type", "JOB_RETRYABLE").get("/api/audit").then().statusCode(200)
                .body("detail", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString("send-outputs job " + send + ": RUNNING -> RETRYABLE"
                        + " (attempt 1) to CARM at 127.0.0.1:" + DESTINATION_PORT)));

        // Both outputs are in the node's archive too, indexed like received instances.
        for (String uid : List.of(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPInstanceUID))) {
            given().get("/api/instances/" + uid).then().statusCode(200);
        }

        // Registered again by hand (L1 asked for by its label): the CT and vertebra kept serve it too.
        int label = given().queryParam("kind", JobKinds.PREPARATION).queryParam("level", "L1").queryParam("series", result.get("ctSeriesInstanceUid").asText())
                .get("/api/jobs").then().statusCode(200).extract().path("[0].payload.level");
        int again = given().contentType("application/json").body("{\"sopInstanceUid\": \"" + patient.xraySopInstanceUid() + "\", \"level\": " + label + "}")
                .post("/api/registrations").then().statusCode(202).extract().path("id");
        Job second = await(again, JobState.COMPLETED, Duration.ofMinutes(2));
        assertEquals(JobState.COMPLETED, second.state(), second.lastError());
        JsonNode secondResult = json.readTree(second.stateData());
        assertTrue(secondResult.get("targetKept").asBoolean(), "the target kept: " + second.stateData());
        for (int i = 0; i < 6; i++) { // the same X-ray, target and model (and a seeded optimiser): the same pose
            assertEquals(result.get("pose").get(i).asDouble(), secondResult.get("pose").get(i).asDouble(), 0.05, "pose " + i);
        }
    }

    static String sopClass(Path f) {
        try {
            AttributeList l = new AttributeList();
            l.read(f.toFile(), TagFromName.PixelData);
            return Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPClassUID);
        } catch (Exception e) {
            throw new IllegalStateException(f.toString(), e);
        }
    }

    /** (3006,00C6) of the first Registration Sequence item: the CT's frame into the exposure's. */
    static double[] matrixOfFirstRegistration(AttributeList l) throws Exception {
        SequenceAttribute registrations = (SequenceAttribute) l.get(com.pixelmed.dicom.DicomDictionary.StandardDictionary.getTagFromName("RegistrationSequence"));
        AttributeList item = registrations.getItem(0).getAttributeList();
        AttributeList matrixReg = SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(item, com.pixelmed.dicom.DicomDictionary.StandardDictionary.getTagFromName("MatrixRegistrationSequence"));
        AttributeList matrix = SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(matrixReg, com.pixelmed.dicom.DicomDictionary.StandardDictionary.getTagFromName("MatrixSequence"));
        return Attribute.getDoubleValues(matrix, com.pixelmed.dicom.DicomDictionary.StandardDictionary.getTagFromName("FrameOfReferenceTransformationMatrix"));
    }
}
