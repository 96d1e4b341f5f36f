package org.vertreg.archive;

import io.quarkus.test.security.TestSecurity;
import org.vertreg.api.security.Roles;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vertreg.cli.Main;
import org.vertreg.dicom.DicomScp;
import org.vertreg.imaging.LabelMap;
import org.vertreg.imaging.NiftiReader;
import org.vertreg.imaging.Volume;
import org.vertreg.imaging.VolumeGrid;
import org.vertreg.testing.Await;
import org.vertreg.testing.QuietPeriod;
import org.vertreg.testing.DcmtkTool;
import org.vertreg.testing.SharedData;

/**
 * A NIfTI CT and its vertebra labels, dicomized and routed to the node as a scanner and a segmentation
 * tool would: the node's volume and label map equal the NIfTI sources voxel for voxel.
 */
@QuarkusTest
@TestSecurity(user = "tester", roles = Roles.ADMINISTRATOR) // access control itself: AccessControlTest
class DicomizedCtTest {
    @Inject
    DicomScp scp; // its port: the test profile asks for a free one (port 0)
    @Inject
    ArchiveStorage storage;
    @Inject
    QuietPeriod quiet;

    @Test
    void dicomizedAbdomenCtAndLabelsArriveIntact() throws Exception {
        Path ct = SharedData.path(SharedData.ABDOMEN_CT);
        Path labels = SharedData.path(SharedData.ABDOMEN_LABELS);
        Path out = Files.createTempDirectory("dicomized");
        assertEquals(0, Main.run(new String[] {"dicomize", "--ct", ct.toString(), "--labels", labels.toString(), "--out", out.toString(),
                "--patient-id", "ABD-1", "--patient-name", "Test^Abdomen", "--label-names", "totalseg"}, System.out, System.err));
        DcmtkTool.Result sent = DcmtkTool.store(scp.port(), "SEGTOOL", List.of(out.resolve("ct").toString(), out.resolve("seg").toString()));
        assertTrue(sent.succeeded(), sent.output());

        String studyUid = given().get("/api/patients/ABD-1/studies").jsonPath().getString("[0].studyInstanceUid");
        List<String> ctSeries = given().get("/api/studies/" + studyUid + "/series").jsonPath()
                .getList("findAll { it.modality == 'CT' }.seriesInstanceUid");
        assertEquals(1, ctSeries.size());
        String uid = ctSeries.get(0);
        quiet.elapse();
        JsonPath series = Await.until(() -> given().get("/api/series/" + uid).jsonPath(), j -> j.getBoolean("hasLabels"),
                Duration.ofSeconds(60), "series " + uid + " to be assembled and labelled");
        assertEquals("READY", series.getString("status"));
        assertEquals("122x101x112", series.getString("volumeDimensions"));

        Volume source = NiftiReader.readVolume(ct);
        Volume assembled = NiftiReader.readVolume(storage.resolve("volumes/" + uid + ".nii.gz"));
        LabelMap sourceLabels = NiftiReader.readLabels(labels);
        LabelMap assembledLabels = NiftiReader.readLabels(storage.resolve("volumes/" + uid + ".labels.nii.gz"));
        assertArrayEquals(source.grid().spacing(), assembled.grid().spacing(), 1e-4);
        assertArrayEquals(sourceLabels.presentLabels(), assembledLabels.presentLabels());

        VolumeGrid g = source.grid();
        int compared = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double[] p = g.toPatient(i, j, k);
                    double[] idx = assembled.grid().toIndex(p[0], p[1], p[2]);
                    int ai = (int) Math.round(idx[0]), aj = (int) Math.round(idx[1]), ak = (int) Math.round(idx[2]);
                    assertEquals(ai, idx[0], 1e-3);
                    assertEquals(aj, idx[1], 1e-3);
                    assertEquals(ak, idx[2], 1e-3);
                    assertEquals(source.at(i, j, k), assembled.at(ai, aj, ak), 1e-3, "HU at " + i + "," + j + "," + k);
                    assertEquals(sourceLabels.at(i, j, k), assembledLabels.at(ai, aj, ak), "label at " + i + "," + j + "," + k);
                    compared++;
                }
            }
        }
        assertEquals(g.voxelCount(), compared);
        assertTrue(given().queryParam("type", "LABELS_LINKED").get("/api/audit").jsonPath().getList("objectUid").contains(uid));
    }
}
