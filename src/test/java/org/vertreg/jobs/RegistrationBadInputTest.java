package org.vertreg.jobs;

import io.quarkus.test.security.TestSecurity;
import org.vertreg.api.security.Roles;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.LongTextAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.vertreg.cli.Main;
import org.vertreg.dicom.DicomScp;
import org.vertreg.dicom.UidGenerator;
import org.vertreg.dicom.XrayFixtures;
import org.vertreg.dicom.XrayWriter;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.Vector3;
import org.vertreg.imaging.NiftiWriter;
import org.vertreg.imaging.SpinePhantom;
import org.vertreg.imaging.VertebraCrop;
import org.vertreg.model.store.ModelFiles;
import org.vertreg.model.store.ModelStore;
import org.vertreg.testing.Await;
import org.vertreg.testing.DcmtkTool;
import org.vertreg.testing.QuietPeriod;
import org.vertreg.testing.SettableClock;

/**
 * Bad input to the node's main job, sent as a C-arm and a scanner would send it: each case ends as a failed job whose
 * {@code lastError} says why, or as a completed job that says what it doubted or assumed, and never as an output that
 * misleads. The phantom patient {@value #SHARED} is prepared once (L1, as {@link NodeMainJobTest.Workers} configures) for
 * the cases that need a prepared CT; the others have patients of their own. Every case creates what it needs or takes it
 * from that idempotent setup, so the cases run in any order, and none shares a patient with {@link NodeMainJobTest}. That
 * test counts every job of a kind, so it must run first in their shared Quarkus instance, as it does: Quarkus' class
 * orderer groups the classes of one profile and orders them by name.
 */
@QuarkusTest
@TestSecurity(user = "tester", roles = Roles.ADMINISTRATOR) // access control itself: AccessControlTest
@TestProfile(NodeMainJobTest.Workers.class)
class RegistrationBadInputTest {
    /** A CT, its segmentation and a prepared L1, for the cases about the X-ray itself. */
    static final String SHARED = "BAD-SHARED";
    static final String NO_CT = "BAD-NOCT";
    static final String NO_MODEL_FILE = "BAD-NOMODEL";
    static final String UNUSABLE = "BAD-UNUSABLE";
    static final String SPATIAL_REGISTRATION = "1.2.840.10008.5.1.4.1.1.66.1";
    static final String TRUE_POSE = "4,-3,2,2.5,-4,1.5";

    private static Path dir;
    private static SpinePhantom phantom;
    private static Path ctNifti, labelsNifti, simulatedXray;
    /** CT series by patient, once stored and READY (and, with a segmentation, prepared). */
    private static final Map<String, String> CT_SERIES = new HashMap<>();
    private static Process storescp;
    private static Path received;

    @Inject
    DicomScp scp;
    @Inject
    QuietPeriod quiet;
    @Inject
    SettableClock clock;
    @Inject
    JobQueue queue;
    @Inject
    JobsConfig config;
    @Inject
    ModelStore models;
    @Inject
    DataSource db;
    @Inject
    ObjectMapper json;

    @AfterAll
    static void stopDestination() {
        if (storescp != null) {
            storescp.destroyForcibly();
        }
    }

    // ---- the cases ----

    @Test
    void anXrayOfAPatientWithoutACtWaitsThenFails() throws Exception {
        Path xray = xray(NO_CT, "no-ct", l -> { });
        long id = registrationOf(send(xray));
        Job snoozed = Await.until(() -> queue.find(id).orElseThrow(), j -> j.progress() != null || j.state().finished(), Duration.ofSeconds(60),
                "the X-ray to wait for a model");
        JsonNode waiting = apiJob(snoozed.id());
        assertEquals("AVAILABLE", waiting.get("state").asText(), waiting.toString());
        assertTrue(waiting.get("progress").asText().startsWith("waiting for a prepared model: no CT of this patient has arrived"), waiting.toString());
        assertEquals(0, waiting.get("attempt").asInt(), "waiting charges no attempt");

        // No lease may lapse by the jump: nothing runs while the clock moves.
        Await.until(this::runningJobs, n -> n == 0, Duration.ofMinutes(2), "no job running");
        clock.advance(config.registration().waitForModel().plusSeconds(1));
        Job failed = ended(id, Duration.ofMinutes(1));
        assertEquals(JobState.FAILED, failed.state(), failed.toString());
        JsonNode view = apiJob(id);
        String error = view.get("lastError").asText();
        assertTrue(error.contains("no prepared model for this patient within") && error.contains("no CT of this patient has arrived"), error);
        assertNoOutputs(xray, view);
        assertEquals(0, registrationsOfPatient(NO_CT), "a Spatial Registration in the archive for " + NO_CT);
    }

    @Test
    void anXrayOfAPatientWhoseCtHasNoPreparedLevelWaitsThenFails() throws Exception {
        storedCt("BAD-NOLEVEL", false); // a CT without a segmentation: nothing is prepared until a planner names a level
        Path xray = xray("BAD-NOLEVEL", "no-level", l -> { });
        long id = registrationOf(send(xray));
        Job snoozed = Await.until(() -> queue.find(id).orElseThrow(), j -> j.progress() != null || j.state().finished(), Duration.ofSeconds(60),
                "the X-ray to wait for a model");
        assertEquals(JobState.AVAILABLE, snoozed.state(), snoozed.toString());
        assertTrue(snoozed.progress().contains("has no prepared level and none is being prepared"), snoozed.progress());

        Await.until(this::runningJobs, n -> n == 0, Duration.ofMinutes(2), "no job running");
        clock.advance(config.registration().waitForModel().plusSeconds(1));
        Job failed = ended(id, Duration.ofMinutes(1));
        assertEquals(JobState.FAILED, failed.state(), failed.toString());
        assertTrue(failed.lastError().contains("no prepared model for this patient within")
                && failed.lastError().contains("has no prepared level and none is being prepared"), failed.lastError());
        assertNoOutputs(xray, apiJob(id));
    }

    @Test
    void aPreparedLevelWhoseModelFileIsGoneFails() throws Exception {
        String series = preparedCt(NO_MODEL_FILE);
        String relative = single("select relative_path from pose_model where series_instance_uid = ? and status = 'READY'", series);
        Path parameters = models.files().directory(relative).resolve(ModelFiles.PARAMETERS);
        Files.deleteIfExists(parameters);

        Path xray = xray(NO_MODEL_FILE, "no-model-file", l -> { });
        Job failed = ended(registrationOf(send(xray)), Duration.ofMinutes(3));
        assertEquals(JobState.FAILED, failed.state(), failed.toString());
        JsonNode view = apiJob(failed.id());
        String error = view.get("lastError").asText();
        assertTrue(error.contains("the model of L1") && error.contains("has no parameter file"), error);
        assertEquals(1, view.get("attempt").asInt(), "a missing file is not retried");
        assertNoOutputs(xray, view);
    }

    @Test
    void aUniformGreyXrayIsSentMarkedLowConfidence() throws Exception {
        preparedCt(SHARED);
        destination();
        float[] grey = new float[CarmGeometry.DEFAULT_COLUMNS * CarmGeometry.DEFAULT_ROWS];
        java.util.Arrays.fill(grey, 128f);
        Job done = ended(registrationOf(send(written(grey, "uniform"))), Duration.ofMinutes(3));
        assertEquals(JobState.COMPLETED, done.state(), done.toString());
        assertSentMarkedLowConfidence(apiJob(done.id()));
    }

    /**
     * Pure noise must not come back as a confident registration. It does: the noise term of the quality model grows without
     * bound, so an X-ray of noise (Immerkær σ ≈ 75 grey levels, where a simulated low-dose X-ray has about 3) scores 1.0
     * wherever the refinement ends.
     */
    @Test
    void anXrayOfNoiseIsRefusedOrSentMarkedLowConfidence() throws Exception {
        preparedCt(SHARED);
        destination();
        float[] grey = new float[CarmGeometry.DEFAULT_COLUMNS * CarmGeometry.DEFAULT_ROWS];
        Random random = new Random(11);
        for (int i = 0; i < grey.length; i++) {
            grey[i] = 255f * random.nextFloat();
        }
        Path xray = written(grey, "noise");
        Job job = ended(registrationOf(send(xray)), Duration.ofMinutes(3));
        JsonNode view = apiJob(job.id());
        if (job.state() == JobState.FAILED) {
            assertTrue(view.get("lastError").asText().contains("pixels"), view.toString());
            assertNoOutputs(xray, view);
        } else {
            assertEquals(JobState.COMPLETED, job.state(), job.toString());
            assertSentMarkedLowConfidence(view);
        }
    }

    @Test
    void anXrayWithoutGeometrySaysWhichDefaultsItUsed() throws Exception {
        preparedCt(SHARED);
        destination();
        Path bare = XrayFixtures.withoutGeometry(xray(SHARED, "with-geometry", l -> { }), dir().resolve("xray-without-geometry.dcm"));
        Job done = ended(registrationOf(send(bare)), Duration.ofMinutes(3));
        assertEquals(JobState.COMPLETED, done.state(), done.toString());
        JsonNode state = json.readTree(done.stateData());
        List<String> notes = new ArrayList<>();
        state.get("notes").forEach(n -> notes.add(n.asText()));
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("no Distance Source to Detector (0018,1110)") && n.contains("default")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("no Distance Source to Patient (0018,1111)") && n.contains("default")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("no Imager Pixel Spacing (0018,1164)") && n.contains("default")), notes.toString());
        assertEquals(notes.size(), Set.copyOf(notes).size(), "each note once: " + notes);
        assertEquals(JobState.COMPLETED, ended(state.get("sendJobId").asLong(), Duration.ofMinutes(1)).state());
    }

    @Test
    void anUnusableCtIsNotPrepared() throws Exception {
        String series = storedCt(UNUSABLE, false);
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("update series set status = 'UNUSABLE', status_reason = 'missing slices' where series_instance_uid = ?")) {
            s.setString(1, series);
            assertEquals(1, s.executeUpdate());
        }
        Vector3 centroid = VertebraCrop.byLabel(phantom.volume(), phantom.labels(), SpinePhantom.MIDDLE_LABEL).centroid();
        double[] point = {centroid.x(), centroid.y(), centroid.z()};

        String refusal = given().contentType("application/json")
                .body(Map.of("level", SpinePhantom.MIDDLE_LABEL, "levelName", "L1", "point", List.of(point[0], point[1], point[2])))
                .post("/api/series/" + series + "/targets").then().statusCode(409).extract().asString();
        assertTrue(refusal.contains("UNUSABLE"), refusal);

        PreparationRequest request = new PreparationRequest(series, SpinePhantom.MIDDLE_LABEL, "L1", point, "test");
        long id = queue.enqueue(NewJob.of(JobKinds.PREPARATION, json.writeValueAsString(request)).withUniqueKey(request.uniqueKey()));
        Job failed = ended(id, Duration.ofMinutes(1));
        assertEquals(JobState.FAILED, failed.state(), failed.toString());
        String error = apiJob(id).get("lastError").asText();
        assertTrue(error.contains("is UNUSABLE: missing slices"), error);
        assertEquals("0", single("select count(*)::text from pose_model where series_instance_uid = ?", series), "no model started");
    }

    @Test
    void aLevelTheXrayNamesThatIsNotPreparedFails() throws Exception {
        preparedCt(SHARED);
        Path xray = xray(SHARED, "names-l5", l -> put(l, new LongTextAttribute(TagFromName.ImageComments), "lumbar spine L5"));
        Job failed = ended(registrationOf(send(xray)), Duration.ofMinutes(3));
        assertEquals(JobState.FAILED, failed.state(), failed.toString());
        JsonNode view = apiJob(failed.id());
        String error = view.get("lastError").asText();
        assertTrue(error.contains("names L5, which is not prepared") && error.contains("prepared: L1"), error);
        assertNoOutputs(xray, view);
    }

    // ---- what the cases share ----

    /** A completed registration that doubts itself: flagged in its state data, and both objects it sent say so. */
    private void assertSentMarkedLowConfidence(JsonNode view) throws Exception {
        JsonNode state = view.get("stateData");
        assertTrue(state.get("lowConfidence").asBoolean(), "registered with confidence: " + state);
        assertEquals(JobState.COMPLETED, ended(state.get("sendJobId").asLong(), Duration.ofMinutes(1)).state());
        AttributeList reg = receivedInstance(state.get("outputUids").get("registrationSopUid").asText());
        String description = Attribute.getSingleStringValueOrEmptyString(reg, TagFromName.ContentDescription);
        assertTrue(description.contains("LOW CONFIDENCE"), description);
        AttributeList overlay = receivedInstance(state.get("outputUids").get("overlaySopUid").asText());
        String comments = Attribute.getSingleStringValueOrEmptyString(overlay, TagFromName.ImageComments);
        assertTrue(comments.contains("(low confidence)"), comments);
    }

    /** A failed registration left nothing behind: no output UIDs, no send, no Spatial Registration in the X-ray's study. */
    private void assertNoOutputs(Path xray, JsonNode view) throws Exception {
        JsonNode state = view.get("stateData");
        assertNull(state.get("outputUids"), state.toString());
        assertNull(state.get("sendJobId"), state.toString());
        AttributeList l = new AttributeList();
        l.read(xray.toFile(), TagFromName.PixelData);
        String study = Attribute.getSingleStringValueOrEmptyString(l, TagFromName.StudyInstanceUID);
        assertEquals("0", single("select count(*)::text from instance i join series s on s.id = i.series_pk join study st on st.id = s.study_pk "
                + "where st.study_instance_uid = ? and i.sop_class_uid = '" + SPATIAL_REGISTRATION + "'", study), "a Spatial Registration in " + study);
    }

    /** The phantom as NIfTI and one simulated X-ray of its L1, made once. */
    private static synchronized Path dir() throws Exception {
        if (dir == null) {
            Path d = Files.createTempDirectory("bad-input");
            phantom = SpinePhantom.create();
            ctNifti = d.resolve("phantom.nii.gz");
            labelsNifti = d.resolve("phantom-seg.nii.gz");
            NiftiWriter.write(phantom.volume(), ctNifti);
            NiftiWriter.write(phantom.labels(), labelsNifti);
            assertEquals(0, Main.run(new String[] {"drr", "--ct", ctNifti.toString(), "--labels", labelsNifti.toString(), "--level",
                    String.valueOf(SpinePhantom.MIDDLE_LABEL), "--low-dose", "--seed", "7", "--pose", TRUE_POSE, "--patient-id", "BAD-TEMPLATE",
                    "--out", d.resolve("drr").toString()}, System.out, System.err));
            simulatedXray = d.resolve("drr").resolve("drr-001.dcm");
            dir = d;
        }
        return dir;
    }

    /** The patient's CT (and segmentation) stored by C-STORE and READY; its series UID. Once per patient. */
    private synchronized String storedCt(String patientId, boolean labelled) throws Exception {
        String known = CT_SERIES.get(patientId);
        if (known != null) {
            return known;
        }
        Path out = dir().resolve("dicom-" + patientId);
        List<String> args = new ArrayList<>(List.of("dicomize", "--ct", ctNifti.toString(), "--out", out.toString(), "--patient-id", patientId,
                "--patient-name", "Bad^Input"));
        if (labelled) {
            args.addAll(List.of("--labels", labelsNifti.toString(), "--label-names", "tptbox"));
        }
        assertEquals(0, Main.run(args.toArray(String[]::new), System.out, System.err));
        List<String> files = new ArrayList<>(List.of(out.resolve("ct").toString()));
        if (labelled) {
            files.add(out.resolve("seg").toString());
        }
        DcmtkTool.Result stored = DcmtkTool.store(scp.port(), "SCANNER", files);
        assertTrue(stored.succeeded(), stored.output());
        quiet.elapse();
        String sql = "select s.series_instance_uid from series s join study st on st.id = s.study_pk join patient p on p.id = st.patient_pk "
                + "where p.patient_id = ? and s.modality = 'CT' and s.status = 'READY'" + (labelled ? " and s.labels_path is not null" : "");
        String series = Await.until(() -> query(sql, patientId), s -> s != null, Duration.ofSeconds(60), "the CT of " + patientId + " READY");
        CT_SERIES.put(patientId, series);
        return series;
    }

    /** The patient's labelled CT with its L1 prepared (the profile prepares L1 of every segmentation that arrives). Once per patient. */
    private synchronized String preparedCt(String patientId) throws Exception {
        String series = storedCt(patientId, true);
        String sql = "select id::text from job where kind = '" + JobKinds.PREPARATION + "' and payload->>'seriesInstanceUid' = ? order by id limit 1";
        long id = Long.parseLong(Await.until(() -> query(sql, series), s -> s != null, Duration.ofSeconds(60), "the preparation of " + patientId));
        Job prepared = ended(id, Duration.ofMinutes(5));
        assertEquals(JobState.COMPLETED, prepared.state(), prepared.toString());
        return series;
    }

    /**
     * The simulated X-ray as another patient's: new study, series and instance, the patient ID given, and {@code edit}
     * applied.
     */
    private static Path xray(String patientId, String name, Consumer<AttributeList> edit) throws Exception {
        dir();
        return rewritten(simulatedXray, dir.resolve("xray-" + name + ".dcm"), patientId, edit);
    }

    /** An X-ray XrayWriter writes with {@code grey} as pixels and the default C-arm geometry, for {@value #SHARED}, no true pose. */
    private static Path written(float[] grey, String name) throws Exception {
        Path raw = dir().resolve("written-" + name + ".dcm");
        new XrayWriter().write(grey, CarmGeometry.defaults(new Vector3(0, 0, 0)), new XrayWriter.TruePose(new Pose(0, 0, 0, 0, 0, 0),
                new Vector3(0, 0, 0)), XrayWriter.Options.defaults().withPatientId(SHARED).withSeriesDescription(name), raw);
        return rewritten(raw, dir.resolve("xray-" + name + ".dcm"), SHARED, l -> {
            l.remove(TagFromName.ImageComments);
            l.removePrivateAttributes();
        });
    }

    private static Path rewritten(Path in, Path out, String patientId, Consumer<AttributeList> edit) throws Exception {
        AttributeList l = new AttributeList();
        l.read(in.toFile());
        l.removeMetaInformationHeaderAttributes();
        put(l, new LongStringAttribute(TagFromName.PatientID), patientId);
        put(l, new UniqueIdentifierAttribute(TagFromName.StudyInstanceUID), UidGenerator.newUid());
        put(l, new UniqueIdentifierAttribute(TagFromName.SeriesInstanceUID), UidGenerator.newUid());
        put(l, new UniqueIdentifierAttribute(TagFromName.SOPInstanceUID), UidGenerator.newUid());
        edit.accept(l);
        FileMetaInformation.addFileMetaInformation(l, TransferSyntax.ExplicitVRLittleEndian, "VERTREGTEST");
        l.write(out.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
        return out;
    }

    private static void put(AttributeList l, Attribute a, String value) {
        try {
            a.addValue(value);
        } catch (com.pixelmed.dicom.DicomException e) {
            throw new IllegalStateException(e);
        }
        l.put(a);
    }

    /** Sends an X-ray as a C-arm does; its SOP Instance UID. */
    private String send(Path xray) throws Exception {
        DcmtkTool.Result stored = DcmtkTool.store(scp.port(), "CARM", List.of(xray.toString()));
        assertTrue(stored.succeeded(), stored.output());
        AttributeList l = new AttributeList();
        l.read(xray.toFile(), TagFromName.PixelData);
        return Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPInstanceUID);
    }

    /** The registration job the X-ray's arrival queued, found as a client finds it: {@code GET /api/jobs?kind=...&sop=...}. */
    private long registrationOf(String sopInstanceUid) {
        JsonNode jobs = Await.until(() -> readTree(given().queryParam("kind", JobKinds.REGISTRATION).queryParam("sop", sopInstanceUid)
                .get("/api/jobs").then().statusCode(200).extract().asString()), n -> n.size() > 0, Duration.ofSeconds(60),
                "the registration of " + sopInstanceUid);
        assertEquals(1, jobs.size(), jobs.toString());
        return jobs.get(0).get("id").asLong();
    }

    /** The job once it has finished, or once an attempt failed and it waits to be retried (a bad input fails at once). */
    private Job ended(long id, Duration within) {
        return Await.until(() -> queue.find(id).orElseThrow(), j -> j.state().finished() || j.state() == JobState.RETRYABLE, within,
                "job " + id + " to end");
    }

    private JsonNode apiJob(long id) {
        return readTree(given().get("/api/jobs/" + id).then().statusCode(200).extract().asString());
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(text, e);
        }
    }

    private int runningJobs() {
        return Integer.parseInt(query("select count(*)::text from job where state = 'RUNNING'"));
    }

    private long registrationsOfPatient(String patientId) throws Exception {
        return Long.parseLong(single("select count(*)::text from instance i join series s on s.id = i.series_pk join study st on st.id = s.study_pk "
                + "join patient p on p.id = st.patient_pk where p.patient_id = ? and i.sop_class_uid = '" + SPATIAL_REGISTRATION + "'", patientId));
    }

    /** The first column of the first row, or null. */
    private String query(String sql, String... parameters) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private String single(String sql, String value) {
        String v = query(sql, value);
        assertNotNull(v, sql + " with " + value);
        return v;
    }

    /** A storescp as the C-arm CARM, at the address the profile gives it, where outputs go back to (NodeMainJobTest, if it ran first, has stopped its own). */
    private synchronized void destination() throws Exception {
        if (storescp != null && storescp.isAlive()) {
            return;
        }
        String port = String.valueOf(DicomPeer.find(config.outputs().peers().orElse(List.of()), "CARM").orElseThrow().port());
        received = Files.createDirectories(dir().resolve("received"));
        Await.until(() -> {
            try {
                if (storescp == null || !storescp.isAlive()) {
                    storescp = new ProcessBuilder("storescp", "-aet", "CARM", "-od", received.toString(), port).redirectErrorStream(true)
                            .redirectOutput(dir.resolve("storescp.log").toFile()).start();
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return DcmtkTool.run("echoscu", "-aec", "CARM", "127.0.0.1", port).succeeded() && storescp.isAlive();
        }, up -> up, Duration.ofSeconds(30), "storescp on port " + port);
    }

    /** The instance the destination received, by SOP Instance UID. */
    private static AttributeList receivedInstance(String sopInstanceUid) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(received)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            AttributeList l = new AttributeList();
            l.read(f.toFile(), TagFromName.PixelData);
            if (sopInstanceUid.equals(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPInstanceUID))) {
                return l;
            }
        }
        throw new AssertionError("the destination did not receive " + sopInstanceUid + ": it holds " + files);
    }
}
