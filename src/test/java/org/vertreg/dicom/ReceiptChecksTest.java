package org.vertreg.dicom;

import io.quarkus.test.security.TestSecurity;
import org.vertreg.api.security.Roles;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.PersonNameAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.archive.ArchiveIndex;
import org.vertreg.archive.ArchiveStorage;
import org.vertreg.testing.Await;
import org.vertreg.testing.QuietPeriod;
import org.vertreg.testing.SharedData;
import org.vertreg.testing.TestUids;
import org.vertreg.testing.XrayFixture;

/**
 * The shapes of broken or doubtful objects that real senders produce, made here from the shared data: each is answered
 * with the status and Error Comment that say what is wrong, audited under its instance, series and study in the same
 * words, and kept or not as the answer says.
 */
@QuarkusTest
@TestSecurity(user = "tester", roles = Roles.ADMINISTRATOR) // access control itself: AccessControlTest
class ReceiptChecksTest {
    static final String CT = StorageSopClasses.CT_IMAGE;
    static final String DX = StorageSopClasses.DX_FOR_PRESENTATION;
    static final String SC = StorageSopClasses.SECONDARY_CAPTURE;
    static final String EXPLICIT_LE = AcceptedTransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN;

    @Inject
    DicomScp scp;
    @Inject
    ArchiveStorage storage;
    @Inject
    ArchiveIndex index;
    @Inject
    IncomingFolder incoming;
    @Inject
    QuietPeriod quiet;

    /** A real CT slice (512 × 512, 16 bits, uncompressed) under UIDs of its own, as a PACS would send it. */
    private static AttributeList realCtSlice(String name) throws Exception {
        AttributeList list = new AttributeList();
        list.read(SharedData.path(SharedData.CPTAC_CHEST_DICOM).resolve("000042.dcm").toFile());
        list.removeGroupLengthAttributes();
        list.removeMetaInformationHeaderAttributes();
        uid(list, TagFromName.StudyInstanceUID, TestUids.of(name + "/study"));
        uid(list, TagFromName.SeriesInstanceUID, TestUids.of(name + "/series"));
        uid(list, TagFromName.SOPInstanceUID, TestUids.of(name + "/instance"));
        return list;
    }

    @Test
    void uncompressedPixelDataCutShortIsRefusedAndNothingKept() throws Exception {
        AttributeList slice = realCtSlice("Receipt/cut");
        byte[] whole = XrayFixture.dataSet(slice);
        byte[] half = Arrays.copyOf(whole, whole.length - 262_144); // sent as a complete data set, half its pixels gone
        assertRefused(CT, slice, half, DicomStatus.CANNOT_UNDERSTAND, "data set cut short: 262144 of 524288 bytes of Pixel Data",
                "0xC000: data set cut short: 262144 of 524288 bytes of Pixel Data (7FE0,0010) arrived");
    }

    @Test
    void bytesAppendedAfterThePixelsAreRefused() throws Exception {
        AttributeList slice = realCtSlice("Receipt/padded");
        byte[] whole = XrayFixture.dataSet(slice);
        byte[] padded = Arrays.copyOf(whole, whole.length + 2048);
        byte[] noise = new byte[2048];
        new Random(11).nextBytes(noise);
        System.arraycopy(noise, 0, padded, whole.length, noise.length);
        assertRefused(CT, slice, padded, DicomStatus.CANNOT_UNDERSTAND, "2048 stray bytes after Pixel Data (7FE0,0010), not DICOM",
                "0xC000: 2048 stray bytes after Pixel Data (7FE0,0010), not DICOM attributes");
    }

    @Test
    void pixelDataShorterThanItsAttributesSayIsRefused() throws Exception {
        AttributeList slice = realCtSlice("Receipt/short");
        com.pixelmed.dicom.UnsignedShortAttribute rows = new com.pixelmed.dicom.UnsignedShortAttribute(TagFromName.Rows);
        rows.addValue(600); // the header claims more rows than the pixels hold
        slice.put(rows);
        assertRefused(CT, slice, XrayFixture.dataSet(slice), DicomStatus.CANNOT_UNDERSTAND,
                "Pixel Data (7FE0,0010) holds 524288 bytes, not the 614400 that",
                "0xC000: Pixel Data (7FE0,0010) holds 524288 bytes, not the 614400 that 600 × 512 × 1 × 1 × 16 bits need");
    }

    /** Receipt passes a CT slice that assembly cannot use; the reason the series gets names the instance, not a folder. */
    @Test
    void anUnusableSeriesReasonNamesNoFolderOfTheNode() throws Exception {
        AttributeList slice = realCtSlice("Receipt/no-position");
        slice.remove(TagFromName.ImagePositionPatient);
        assertEquals(DicomStatus.SUCCESS, store(CT, slice, XrayFixture.dataSet(slice)).status());
        String series = slice.get(TagFromName.SeriesInstanceUID).getSingleStringValueOrEmptyString();
        String sop = slice.get(TagFromName.SOPInstanceUID).getSingleStringValueOrEmptyString();
        quiet.elapse();
        JsonPath status = Await.until(() -> given().get("/api/series/" + series).jsonPath(), j -> "UNUSABLE".equals(j.getString("status")),
                Duration.ofSeconds(30), "the series to be found unusable");
        assertEquals("instance " + sop + ".dcm cannot be read: missing Image Position (Patient) (0020,0032)", status.getString("statusReason"));
        String audited = given().queryParam("object", series).queryParam("type", "SERIES_UNUSABLE").get("/api/audit").jsonPath()
                .getString("[0].detail");
        assertEquals(status.getString("statusReason"), audited);
    }

    @Test
    void headerOnlyImageIsRefused() throws Exception {
        XrayFixture xray = new XrayFixture("Receipt/header-only");
        AttributeList list = xray.attributes("HDR-1");
        list.remove(TagFromName.PixelData);
        assertRefused(DX, list, XrayFixture.dataSet(list), DicomStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
                "missing Pixel Data (7FE0,0010), required by Digital X-Ray Image",
                "0xA900: missing Pixel Data (7FE0,0010), required by Digital X-Ray Image Storage - For Presentation");
    }

    @Test
    void uidWithALeadingZeroComponentIsRefused() throws Exception {
        XrayFixture xray = new XrayFixture("Receipt/leading-zero");
        AttributeList list = xray.attributes("UID-1");
        String bad = "999.999.01.23";
        uid(list, TagFromName.SeriesInstanceUID, bad);
        RawAssociation.Answer answer = store(DX, list, XrayFixture.dataSet(list));
        assertEquals(DicomStatus.CANNOT_UNDERSTAND, answer.status());
        assertEquals("a leading zero in a component in Series Instance UID (0020,000E)", answer.errorComment());
        assertFalse(index.isIndexed(xray.sopInstanceUid));
        String detail = auditOf(xray.sopInstanceUid, "INSTANCE_REFUSED").getString("[0].detail");
        assertEquals("0xC000: a leading zero in a component in Series Instance UID (0020,000E) '999.999.01.23'", detail);
    }

    /** A colour JPEG Secondary Capture, as a screen grab of a planning station arrives: decoded as colour, and kept. */
    @Test
    void colourJpegSecondaryCaptureIsKept(@TempDir Path folder) throws Exception {
        BufferedImage png = ImageIO.read(SharedData.path("ct/cptac-lscc-c3n00247-chest/preview_sagittal.png").toFile());
        BufferedImage rgb = new BufferedImage(png.getWidth(), png.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(png, 0, 0, null);
        rgb.setRGB(5, 5, 0xFF2020); // colour, not grey
        File jpeg = folder.resolve("capture.jpg").toFile();
        assertTrue(ImageIO.write(rgb, "jpeg", jpeg));
        File sc = folder.resolve("capture.dcm").toFile();
        String studyUid = TestUids.of("Receipt/sc/study");
        String seriesUid = TestUids.of("Receipt/sc/series");
        String sopUid = TestUids.of("Receipt/sc/instance");
        DcmtkCopies.convert(jpeg, sc, "img2dcm", "-k", "PatientID=SC-1", "-k", "StudyInstanceUID=" + studyUid, "-k",
                "SeriesInstanceUID=" + seriesUid, "-k", "SOPInstanceUID=" + sopUid, "-k", "Modality=OT");
        AttributeList list = new AttributeList();
        list.read(sc);
        assertEquals("3", list.get(TagFromName.SamplesPerPixel).getSingleStringValueOrEmptyString());
        assertEquals(TransferSyntax.JPEGBaseline, list.get(TagFromName.TransferSyntaxUID).getSingleStringValueOrEmptyString());
        byte[] file = Files.readAllBytes(sc.toPath());
        int metaLength = java.nio.ByteBuffer.wrap(file, 140, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] dataSet = Arrays.copyOfRange(file, 144 + metaLength, file.length); // the compressed data set as img2dcm wrote it
        try (RawAssociation a = RawAssociation.open(scp.port(), "VERTREG", "TESTSCU", List.of(SC),
                List.of(AcceptedTransferSyntaxes.JPEG_BASELINE))) {
            assertEquals(0, a.result(1));
            RawAssociation.Answer answer = a.storeAnswer(1, SC, sopUid, dataSet);
            a.release();
            assertEquals(DicomStatus.SUCCESS, answer.status(), answer.errorComment());
            assertNull(answer.errorComment());
        }
        assertTrue(index.isIndexed(sopUid));
        JsonPath audit = auditOf(sopUid, "INSTANCE_STORED");
        assertEquals("Secondary Capture Image Storage: stored", audit.getString("[0].detail"));
        assertEquals(seriesUid, audit.getString("[0].seriesUid"));
        assertEquals(studyUid, audit.getString("[0].studyUid"));
        assertNull(given().get("/api/instances/" + sopUid).jsonPath().getString("geometryStatus"), "not a projection X-ray");
    }

    @Test
    void aDuplicateWithOtherContentIsRefusedAsAConflictAndTheFirstCopyKept() throws Exception {
        XrayFixture xray = new XrayFixture("Receipt/conflict");
        AttributeList first = xray.attributes("CONFLICT-1");
        byte[] firstBytes = XrayFixture.dataSet(first);
        AttributeList other = xray.attributes("CONFLICT-1");
        other.put(new LongStringAttribute(TagFromName.ImageComments));
        other.get(TagFromName.ImageComments).addValue("reprocessed");
        try (RawAssociation a = RawAssociation.open(scp.port(), "VERTREG", "TESTSCU", List.of(DX), List.of(EXPLICIT_LE))) {
            assertEquals(DicomStatus.SUCCESS, a.storeAnswer(1, DX, xray.sopInstanceUid, firstBytes).status());
            RawAssociation.Answer same = a.storeAnswer(1, DX, xray.sopInstanceUid, firstBytes);
            assertEquals(DicomStatus.SUCCESS, same.status(), "an identical duplicate is a quiet success");
            RawAssociation.Answer conflict = a.storeAnswer(1, DX, xray.sopInstanceUid, XrayFixture.dataSet(other));
            a.release();
            assertEquals(DicomStatus.DUPLICATE_SOP_INSTANCE, conflict.status());
            assertEquals("other content is already stored under this SOP Instance UID; the", conflict.errorComment());
        }
        Path kept = storage.resolve(storage.relativeInstancePath(xray.studyUid, xray.seriesUid, xray.sopInstanceUid));
        AttributeList stored = new AttributeList();
        stored.read(kept.toFile());
        assertNull(stored.get(TagFromName.ImageComments), "the first copy is the one kept");
        assertEquals(DataSetHash.ofPart10File(kept), given().get("/api/instances/" + xray.sopInstanceUid).jsonPath().getString("dataSetSha256"));
        assertEquals(1, auditOf(xray.sopInstanceUid, "INSTANCE_STORED").getList("$").size());
        assertEquals("Digital X-Ray Image Storage - For Presentation: duplicate of the stored copy",
                auditOf(xray.sopInstanceUid, "INSTANCE_DUPLICATE").getString("[0].detail"));
        JsonPath conflict = auditOf(xray.sopInstanceUid, "INSTANCE_CONFLICT");
        assertEquals("REFUSED", conflict.getString("[0].outcome"));
        assertEquals("0x0111: other content is already stored under this SOP Instance UID; the stored copy was kept",
                conflict.getString("[0].detail"));
        // The association's summary is audited once the node has handled the release, which the sender does not wait for.
        Await.until(() -> given().queryParam("type", "INSTANCES_RECEIVED").get("/api/audit").jsonPath().getList("detail", String.class),
                details -> details.contains("1 stored, 1 duplicates, 1 conflicting, 0 refused"), Duration.ofSeconds(10),
                "the association's summary in the audit trail");
    }

    @Test
    void patientsWithoutAnIdNeverMerge() throws Exception {
        XrayFixture a = new XrayFixture("Receipt/no-id-a");
        XrayFixture b = new XrayFixture("Receipt/no-id-b");
        AttributeList first = a.attributes("");
        first.remove(TagFromName.PatientID); // no (0010,0020) at all
        name(first, "Unknown^Alpha");
        AttributeList second = b.attributes(""); // present but empty
        name(second, "Unknown^Beta");
        assertEquals(DicomStatus.SUCCESS, store(DX, first, XrayFixture.dataSet(first)).status());
        assertEquals(DicomStatus.SUCCESS, store(DX, second, XrayFixture.dataSet(second)).status());
        JsonPath studyA = given().get("/api/studies/" + a.studyUid).jsonPath();
        JsonPath studyB = given().get("/api/studies/" + b.studyUid).jsonPath();
        assertEquals("Unknown^Alpha", studyA.getString("patientName"));
        assertEquals("Unknown^Beta", studyB.getString("patientName"), "the second patient's name does not replace the first's");
        assertFalse(studyA.getBoolean("patientIdentified"));
        assertFalse(studyB.getBoolean("patientIdentified"));
        List<Map<String, Object>> unidentified = given().queryParam("q", "unknown^").get("/api/patients").jsonPath().getList("$");
        assertEquals(2, unidentified.size(), "two records: " + unidentified);
        assertTrue(unidentified.stream().noneMatch(p -> (Boolean) p.get("identified")));
    }

    @Test
    void aChangedPatientNameIsRecordedAndAudited() throws Exception {
        XrayFixture first = new XrayFixture("Receipt/rename-1");
        XrayFixture second = new XrayFixture("Receipt/rename-2");
        AttributeList one = first.attributes("RENAME-1");
        name(one, "Before^Name");
        AttributeList two = second.attributes("RENAME-1");
        name(two, "After^Name");
        assertEquals(DicomStatus.SUCCESS, store(DX, one, XrayFixture.dataSet(one)).status());
        assertEquals(DicomStatus.SUCCESS, store(DX, two, XrayFixture.dataSet(two)).status());
        JsonPath patient = given().queryParam("q", "RENAME-1").get("/api/patients").jsonPath();
        assertEquals(1, patient.getList("$").size());
        assertEquals("After^Name", patient.getString("[0].patientName"));
        assertEquals(1, patient.getInt("[0].nameChanges"));
        String detail = auditOf(second.sopInstanceUid, "PATIENT_NAME_CHANGED").getString("[0].detail");
        assertFalse(detail.contains("Before") || detail.contains("After"), "no names in the audit detail, which is logged: " + detail);
    }

    @Test
    void xrayGeometryIsMarkedPresentIncompleteOrInvalid() throws Exception {
        XrayFixture good = new XrayFixture("Receipt/geometry-good");
        XrayFixture zero = new XrayFixture("Receipt/geometry-zero");
        XrayFixture bare = new XrayFixture("Receipt/geometry-bare");
        AttributeList zeroSpacing = zero.attributes("GEO-1");
        DecimalStringAttribute spacing = new DecimalStringAttribute(TagFromName.ImagerPixelSpacing);
        spacing.addValue("0.000");
        spacing.addValue("0.000");
        zeroSpacing.put(spacing);
        AttributeList noDistances = bare.attributes("GEO-1");
        noDistances.remove(TagFromName.DistanceSourceToDetector);
        noDistances.remove(TagFromName.DistanceSourceToPatient);
        noDistances.remove(InstanceHeaderReader.POSITIONER_PRIMARY_ANGLE);
        noDistances.remove(InstanceHeaderReader.POSITIONER_SECONDARY_ANGLE);
        noDistances.get(TagFromName.Modality).setValue("CT");
        AttributeList fine = good.attributes("GEO-1");
        for (AttributeList l : List.of(zeroSpacing, noDistances, fine)) {
            assertEquals(DicomStatus.SUCCESS, store(DX, l, XrayFixture.dataSet(l)).status());
        }
        JsonPath z = given().get("/api/instances/" + zero.sopInstanceUid).jsonPath();
        assertEquals("INVALID", z.getString("geometryStatus"));
        assertEquals("Imager Pixel Spacing (0018,1164) '0.000\\0.000' is not two positive numbers", z.getString("geometryIssues"));
        JsonPath n = given().get("/api/instances/" + bare.sopInstanceUid).jsonPath();
        assertEquals("INCOMPLETE", n.getString("geometryStatus"));
        assertEquals("no Distance Source to Detector (0018,1110); no Distance Source to Patient (0018,1111); no Positioner"
                + " Primary/Secondary Angle (0018,1510/1511)", n.getString("geometryIssues"));
        assertEquals("Modality (0008,0060) is CT where Digital X-Ray Image Storage - For Presentation has DX", n.getString("modalityConflict"));
        JsonPath f = given().get("/api/instances/" + good.sopInstanceUid).jsonPath();
        assertEquals("PRESENT", f.getString("geometryStatus"));
        assertNull(f.getString("geometryIssues"));
        assertNull(f.getString("modalityConflict"));
    }

    private RawAssociation.Answer store(String sopClass, AttributeList list, byte[] dataSet) throws Exception {
        String sop = list.get(TagFromName.SOPInstanceUID).getSingleStringValueOrEmptyString();
        try (RawAssociation a = RawAssociation.open(scp.port(), "VERTREG", "TESTSCU", List.of(sopClass), List.of(EXPLICIT_LE))) {
            RawAssociation.Answer answer = a.storeAnswer(1, sopClass, sop, dataSet);
            a.release();
            return answer;
        }
    }

    /**
     * Sends the data set and expects it refused with {@code status} and {@code comment}: no row, no file, nothing left in
     * incoming, and one audit event with {@code detail} under instance, series and study alike.
     */
    private void assertRefused(String sopClass, AttributeList list, byte[] dataSet, int status, String comment, String detail)
            throws Exception {
        RawAssociation.Answer answer = store(sopClass, list, dataSet);
        assertEquals(status, answer.status());
        assertEquals(comment, answer.errorComment());
        String sop = list.get(TagFromName.SOPInstanceUID).getSingleStringValueOrEmptyString();
        String series = list.get(TagFromName.SeriesInstanceUID).getSingleStringValueOrEmptyString();
        String study = list.get(TagFromName.StudyInstanceUID).getSingleStringValueOrEmptyString();
        assertFalse(index.isIndexed(sop));
        assertFalse(Files.exists(storage.resolve(storage.relativeInstancePath(study, series, sop))));
        try (Stream<Path> files = Files.list(incoming.path())) {
            assertEquals(0, files.count(), "nothing left in the incoming folder");
        }
        for (String uid : List.of(sop, series, study)) {
            JsonPath audit = auditOf(uid, null);
            assertEquals(1, audit.getList("$").size(), "one event under " + uid);
            assertEquals("INSTANCE_REFUSED", audit.getString("[0].eventType"));
            assertEquals(detail, audit.getString("[0].detail"));
            assertEquals(sop, audit.getString("[0].objectUid"));
        }
    }

    private static JsonPath auditOf(String uid, String type) {
        var request = given().queryParam("object", uid);
        if (type != null) {
            request = request.queryParam("type", type);
        }
        return request.get("/api/audit").jsonPath();
    }

    private static void uid(AttributeList list, com.pixelmed.dicom.AttributeTag tag, String value) throws Exception {
        UniqueIdentifierAttribute a = new UniqueIdentifierAttribute(tag);
        a.addValue(value);
        list.put(a);
    }

    private static void name(AttributeList list, String value) throws Exception {
        PersonNameAttribute a = new PersonNameAttribute(TagFromName.PatientName);
        a.addValue(value);
        list.put(a);
    }
}
