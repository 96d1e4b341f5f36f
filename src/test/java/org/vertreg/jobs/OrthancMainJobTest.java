package org.vertreg.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.vertreg.dicom.DicomScp;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.RigidTransform;
import org.vertreg.testing.Await;
import org.vertreg.testing.DcmtkTool;
import org.vertreg.testing.OrthancPeer;
import org.vertreg.testing.QuietPeriod;

/**
 * The node beside a real PACS: Orthanc (Debian's) on loopback routes CT, segmentation and X-rays to the node by a Lua
 * {@code OnStoredInstance} rule, and takes what the node sends back. The test stores into Orthanc only, then reads the
 * Spatial Registration object and the overlay back through Orthanc's REST API.
 */
@QuarkusTest
@TestProfile(NodeMainJobTest.Workers.class)
class OrthancMainJobTest {
    static final int ORTHANC_PORT = NodeMainJobTest.Workers.ORTHANC_PORT;

    @Inject
    DicomScp scp;
    @Inject
    QuietPeriod quiet;
    @Inject
    JobQueue queue;
    @Inject
    DataSource db;
    @Inject
    ObjectMapper json;

    long count(String sql) {
        return WorkerPoolTest.count(db, sql);
    }

    Job jobOf(String kind) {
        return NodeMainJobTest.jobOf(db, queue, kind, "SPINE-ORTHANC");
    }

    Job completed(long id, Duration within) {
        Job j = Await.until(() -> queue.find(id).orElseThrow(), x -> x.state() == JobState.COMPLETED || x.state() == JobState.FAILED, within,
                "job " + id + " to end");
        assertEquals(JobState.COMPLETED, j.state(), j.lastError());
        return j;
    }

    @Test
    void whatIsStoredIntoOrthancComesBackToOrthancRegistered() throws Exception {
        Path dir = Files.createTempDirectory("orthanc-main-job");
        PhantomCase patient = PhantomCase.write(dir, "SPINE-ORTHANC");
        try (OrthancPeer orthanc = OrthancPeer.builder().dicomPort(ORTHANC_PORT).node("VERTREG", scp.port()).autoRoute("CT", "SEG", "DX")
                .directory(dir.resolve("orthanc")).start()) {
            for (Path f : patient.ctAndSegFiles()) {
                orthanc.upload(f);
            }
            int slices = patient.ctSlices();
            String ofPatient = " from instance i join series s on s.id = i.series_pk join study st on st.id = s.study_pk "
                    + "join patient p on p.id = st.patient_pk where p.patient_id = 'SPINE-ORTHANC' and i.calling_ae_title = 'ORTHANC'";
            Await.until(() -> count("select count(*)" + ofPatient + " and s.modality = 'CT'"), n -> n == slices, Duration.ofMinutes(2),
                    "Orthanc to route the CT to the node");
            Await.until(() -> count("select count(*)" + ofPatient + " and i.sop_class_uid = '1.2.840.10008.5.1.4.1.1.66.4'"), n -> n == 1,
                    Duration.ofMinutes(1), "Orthanc to route the segmentation");
            quiet.elapse();
            completed(jobOf(JobKinds.PREPARATION).id(), Duration.ofMinutes(5));

            orthanc.upload(patient.xray());
            Job registered = completed(jobOf(JobKinds.REGISTRATION).id(), Duration.ofMinutes(3));
            JsonNode result = json.readTree(registered.stateData());
            assertEquals("ORTHANC", json.readTree(registered.payload()).get("callingAeTitle").asText());
            completed(result.get("sendJobId").asLong(), Duration.ofMinutes(1));

            List<String> reg = Await.until(() -> uncheckedFind(orthanc, "REG"), ids -> ids.size() == 1, Duration.ofMinutes(1),
                    "the REG in Orthanc");
            List<String> overlay = Await.until(() -> uncheckedFind(orthanc, "1.2.840.10008.5.1.4.1.1.7"), ids -> ids.size() == 1,
                    Duration.ofMinutes(1), "the overlay in Orthanc");
            Path regFile = orthanc.download(reg.get(0), dir.resolve("reg.dcm"));
            Path scFile = orthanc.download(overlay.get(0), dir.resolve("overlay.dcm"));
            for (Path f : List.of(regFile, scFile)) {
                DcmtkTool.Result v = DcmtkTool.run("dciodvfy", f.toString());
                assertFalse(v.output().lines().anyMatch(l -> l.startsWith("Error")), v.output());
            }
            AttributeList l = new AttributeList();
            l.read(regFile.toFile());
            double[] m = NodeMainJobTest.matrixOfFirstRegistration(l);
            assertTrue(RigidTransform.isOrthonormal(new double[] {m[0], m[1], m[2], m[4], m[5], m[6], m[8], m[9], m[10]}, 1e-6));
            double[] p = Attribute.getDoubleValues(l, new AttributeTag(0x0073, 0x1004));
            double mTre = patient.mTreMm(new Pose(p[0], p[1], p[2], p[3], p[4], p[5]));
            assertTrue(mTre < 2.0, "the REG Orthanc holds is " + mTre + " mm mTRE from the X-ray's true pose; the job: " + registered.stateData());
            assertEquals(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.PatientID), "SPINE-ORTHANC");
        }
    }

    private static List<String> uncheckedFind(OrthancPeer orthanc, String what) {
        try {
            return orthanc.findInstances(what);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
