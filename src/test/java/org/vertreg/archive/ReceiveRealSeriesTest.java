package org.vertreg.archive;

import io.quarkus.test.security.TestSecurity;
import org.vertreg.api.security.Roles;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vertreg.cli.Main;
import org.vertreg.dicom.DicomScp;
import org.vertreg.imaging.LabelMap;
import org.vertreg.imaging.NiftiReader;
import org.vertreg.imaging.Volume;
import org.vertreg.testing.Await;
import org.vertreg.testing.QuietPeriod;
import org.vertreg.testing.DcmtkTool;
import org.vertreg.testing.SharedData;
import org.vertreg.testing.TestUids;

/** Real CT series sent by dcmtk's storescu: every instance indexed, and the assembled volume equals the source. */
@QuarkusTest
@TestSecurity(user = "tester", roles = Roles.ADMINISTRATOR) // access control itself: AccessControlTest
class ReceiveRealSeriesTest {
    @Inject
    DicomScp scp; // its port: the test profile asks for a free one (port 0)
    @Inject
    ArchiveStorage storage;
    @Inject
    QuietPeriod quiet;

    @Test
    void echoSucceeds() {
        DcmtkTool.Result echo = DcmtkTool.echo(scp.port(), "TESTSCU");
        assertTrue(echo.succeeded(), echo.output());
    }

    @Test
    void uncompressedChestCtIsIndexedAndAssembledExactly() throws Exception {
        Path folder = SharedData.path(SharedData.CPTAC_CHEST_DICOM);
        DcmtkTool.Result sent = DcmtkTool.store(scp.port(), "TESTSCU", List.of(folder.toString()));
        assertTrue(sent.succeeded(), sent.output());

        File[] sources = folder.toFile().listFiles();
        Arrays.sort(sources);
        String seriesUid = header(sources[0]).get(TagFromName.SeriesInstanceUID).getSingleStringValueOrNull();
        JsonPath series = awaitAssembled(seriesUid);
        assertEquals("READY", series.getString("status"), series.prettify());
        assertEquals(99, series.getInt("instanceCount"));
        assertEquals("512x512x99", series.getString("volumeDimensions"));
        assertEquals(99, given().get("/api/series/" + seriesUid + "/instances").jsonPath().getList("$").size());

        Volume volume = NiftiReader.readVolume(storage.resolve("volumes/" + seriesUid + ".nii.gz"));
        assertEquals(0.564, volume.grid().spacing()[0], 0.001);
        assertEquals(0.564, volume.grid().spacing()[1], 0.001);
        assertEquals(3.0, volume.grid().spacing()[2], 0.001);
        for (int s = 0; s < sources.length; s += 7) {
            assertSliceEqualsVolume(sources[s], volume);
        }
    }

    /**
     * The shared JPEG 2000 series had its Study, Series and SOP UIDs emptied by a de-identifier, which the
     * node refuses (C000, tested in BadInputTest). A copy with them filled in, pixel data untouched, must
     * be decoded on receipt, indexed and assembled.
     */
    @Test
    void jpeg2000SeriesIsDecodedIndexedAndAssembled() throws Exception {
        Path copy = Files.createTempDirectory("j2k");
        String studyUid = TestUids.of("ReceiveRealSeriesTest/j2k-study"), seriesUid = TestUids.of("ReceiveRealSeriesTest/j2k-series");
        for (File source : SharedData.path(SharedData.J2K_DICOM).toFile().listFiles()) {
            Path target = copy.resolve(source.getName());
            Files.copy(source.toPath(), target);
            String sop = header(source).get(TagFromName.MediaStorageSOPInstanceUID).getSingleStringValueOrNull();
            DcmtkTool.Result fixed = DcmtkTool.run("dcmodify", "-nb", "-m", "(0008,0016)=1.2.840.10008.5.1.4.1.1.2",
                    "-m", "(0008,0018)=" + sop, "-m", "(0020,000d)=" + studyUid, "-m", "(0020,000e)=" + seriesUid,
                    "-i", "(0010,0020)=J2K-1", target.toString());
            assertTrue(fixed.succeeded(), fixed.output());
        }
        DcmtkTool.Result sent = DcmtkTool.store(scp.port(), "TESTSCU", List.of("-xv", copy.toString()));
        assertTrue(sent.succeeded(), sent.output());
        JsonPath series = awaitAssembled(seriesUid);
        assertEquals("READY", series.getString("status"), series.prettify());
        assertEquals("512x512x20", series.getString("volumeDimensions"));
        List<String> syntaxes = given().get("/api/series/" + seriesUid + "/instances").jsonPath().getList("transferSyntaxUid");
        assertEquals(20, syntaxes.size());
        assertTrue(syntaxes.stream().allMatch("1.2.840.10008.1.2.4.90"::equals), syntaxes.toString());
        Volume volume = NiftiReader.readVolume(storage.resolve("volumes/" + seriesUid + ".nii.gz"));
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float v : volume.hu()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(-1024, min, 0.5);
        assertEquals(1839, max, 0.5);

        // Its TotalSegmentator labels exist only as NIfTI (LAS axes): imported as a Segmentation of this series.
        Path labels = SharedData.path(SharedData.J2K_LABELS);
        Path segOut = Files.createTempDirectory("j2k-seg");
        assertEquals(0, Main.run(new String[] {"dicomize", "--ct-dicom", copy.toString(), "--labels", labels.toString(),
                "--out", segOut.toString(), "--label-names", "totalseg"}, System.out, System.err));
        DcmtkTool.Result segSent = DcmtkTool.store(scp.port(), "SEGTOOL", List.of(segOut.resolve("seg").toString()));
        assertTrue(segSent.succeeded(), segSent.output());
        Await.until(() -> given().get("/api/series/" + seriesUid).jsonPath().getBoolean("hasLabels"), Boolean::booleanValue,
                Duration.ofSeconds(30), "the J2K series to be labelled");
        LabelMap source = NiftiReader.readLabels(labels);
        LabelMap linked = NiftiReader.readLabels(storage.resolve("volumes/" + seriesUid + ".labels.nii.gz"));
        assertEquals(source.onGrid(volume.grid(), 0.1).labels().length, linked.labels().length);
        org.junit.jupiter.api.Assertions.assertArrayEquals(source.onGrid(volume.grid(), 0.1).labels(), linked.labels());
        assertTrue(java.util.Arrays.stream(linked.presentLabels()).anyMatch(l -> l == 32), "T12 is labelled");
    }

    /** The chest series with one slice left out: kept and indexed, but marked unusable, with the gap named. */
    @Test
    void seriesWithAMissingSliceIsUnusableWithTheReason() throws Exception {
        Path copy = Files.createTempDirectory("gap");
        for (File source : SharedData.path(SharedData.CPTAC_CHEST_DICOM).toFile().listFiles()) {
            if (!source.getName().equals("000050.dcm")) {
                Files.copy(source.toPath(), copy.resolve(source.getName()));
            }
        }
        String seriesUid = TestUids.of("ReceiveRealSeriesTest/gap-series");
        DcmtkTool.Result renamed = DcmtkTool.run("sh", "-c", "dcmodify -nb -gin -m '(0020,000e)=" + seriesUid + "' " + copy + "/*.dcm");
        assertTrue(renamed.succeeded(), renamed.output());
        DcmtkTool.Result sent = DcmtkTool.store(scp.port(), "TESTSCU", List.of(copy.toString()));
        assertTrue(sent.succeeded(), sent.output());
        JsonPath series = awaitAssembled(seriesUid);
        assertEquals("UNUSABLE", series.getString("status"));
        assertEquals(98, series.getInt("instanceCount"));
        assertTrue(series.getString("statusReason").startsWith("missing slice(s)"), series.getString("statusReason"));
        assertTrue(given().queryParam("type", "SERIES_UNUSABLE").get("/api/audit").jsonPath().getList("objectUid").contains(seriesUid));
    }

    /** Lets the series go quiet and waits for the assembler's next pass to decide on it. */
    JsonPath awaitAssembled(String seriesUid) {
        quiet.elapse();
        return Await.until(() -> given().get("/api/series/" + seriesUid).then().statusCode(200).extract().jsonPath(),
                j -> j.getString("status") != null && !"RECEIVING".equals(j.getString("status")),
                Duration.ofSeconds(60), "series " + seriesUid + " to be assembled");
    }

    static AttributeList header(File file) throws Exception {
        AttributeList list = new AttributeList();
        list.read(file);
        return list;
    }

    /** Reads the source slice's stored values directly and compares them, rescaled, with the volume. */
    private static void assertSliceEqualsVolume(File source, Volume volume) throws Exception {
        AttributeList list = header(source);
        double[] position = list.get(TagFromName.ImagePositionPatient).getDoubleValues();
        double slope = Attribute.getSingleDoubleValueOrDefault(list, TagFromName.RescaleSlope, 1);
        double intercept = Attribute.getSingleDoubleValueOrDefault(list, TagFromName.RescaleIntercept, 0);
        short[] stored = list.getPixelData().getShortValues();
        int columns = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Columns, 0);
        double[] index = volume.grid().toIndex(position[0], position[1], position[2]);
        assertEquals(0, index[0], 1e-3, "slice origin lies on the volume's first column");
        assertEquals(0, index[1], 1e-3, "slice origin lies on the volume's first row");
        int k = (int) Math.round(index[2]);
        assertEquals(k, index[2], 1e-3, "slice lies on a volume plane");
        for (int r = 0; r < 512; r += 37) {
            for (int c = 0; c < 512; c += 41) {
                double expected = (stored[r * columns + c] & 0xFFFF) * slope + intercept;
                assertEquals(expected, volume.at(c, r, k), 1e-3, source.getName() + " row " + r + " column " + c);
            }
        }
    }
}
