package org.vertreg.dicom;

import io.quarkus.test.security.TestSecurity;
import org.vertreg.api.security.Roles;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vertreg.archive.ArchiveIndex;
import org.vertreg.archive.ArchiveStorage;
import org.vertreg.testing.Await;
import org.vertreg.testing.DcmtkTool;
import org.vertreg.testing.TestUids;
import org.vertreg.testing.XrayFixture;

/** Malformed, unexpected and repeated input: a clear refusal, nothing half-kept, and the service still answers. */
@QuarkusTest
@TestSecurity(user = "tester", roles = Roles.ADMINISTRATOR) // access control itself: AccessControlTest
class BadInputTest {
    static final String DX = StorageSopClasses.DX_FOR_PRESENTATION;
    static final String EXPLICIT_LE = AcceptedTransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN;

    @Inject
    DicomScp scp; // its port: the test profile asks for a free one (port 0)
    @Inject
    ArchiveStorage storage;
    @Inject
    ArchiveIndex index;
    @Inject
    IncomingFolder incoming;

    @Test
    void garbageIsDroppedWithoutAFileOrARow() throws Exception {
        long filesBefore = storedFileCount();
        String from;
        try (Socket socket = RawAssociation.connect(scp.port())) {
            from = RawAssociation.remoteAddressSeenByNode(socket);
            byte[] garbage = new byte[4096];
            new Random(7).nextBytes(garbage);
            garbage[0] = 0x47; // not an A-ASSOCIATE-RQ
            socket.getOutputStream().write(garbage);
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            assertEquals(-1, in.read(), "the node closes the connection");
        }
        assertEquals(filesBefore, storedFileCount());
        assertIncomingEmpty();
        assertTrue(DcmtkTool.echo(scp.port(), "TESTSCU").succeeded(), "the service still answers");
        assertAudited("ASSOCIATION_REFUSED", from);
    }

    @Test
    void truncatedDataSetLeavesNoFileAndNoRow() throws Exception {
        XrayFixture xray = new XrayFixture("BadInputTest/truncated");
        byte[] dataSet = XrayFixture.dataSet(xray.attributes("TRUNC-1"));
        RawAssociation a = RawAssociation.open(scp.port(), "VERTREG", "TESTSCU", List.of(DX), List.of(EXPLICIT_LE));
        assertTrue(a.accepted());
        String from = a.remoteAddressSeenByNode();
        a.storeTruncated(1, DX, xray.sopInstanceUid, dataSet, dataSet.length / 2);
        a.close(); // the peer vanishes mid-transfer
        Await.until(this::incomingFileCount, n -> n == 0, Duration.ofSeconds(10), "the partial file to be deleted");
        assertFalse(index.isIndexed(xray.sopInstanceUid));
        assertFalse(Files.exists(storage.resolve(storage.relativeInstancePath(xray.studyUid, xray.seriesUid, xray.sopInstanceUid))));
        assertTrue(DcmtkTool.echo(scp.port(), "TESTSCU").succeeded());
        assertAudited("ASSOCIATION_ABORTED", from);
    }

    @Test
    void unsupportedSopClassAndTransferSyntaxAreRefusedAtNegotiation() throws Exception {
        String mrImage = "1.2.840.10008.5.1.4.1.1.4";
        String explicitBigEndian = "1.2.840.10008.1.2.2";
        RawAssociation a = RawAssociation.open(scp.port(), "VERTREG", "TESTSCU", List.of(mrImage, DX), List.of(EXPLICIT_LE));
        assertEquals(3, a.result(1), "abstract syntax not supported");
        assertEquals(0, a.result(3), "DX accepted");
        a.release();
        RawAssociation b = RawAssociation.open(scp.port(), "VERTREG", "TESTSCU", List.of(DX), List.of(explicitBigEndian));
        assertEquals(4, b.result(1), "transfer syntax not supported");
        b.release();
    }

    @Test
    void dataSetThatContradictsItsCommandIsRefused() throws Exception {
        XrayFixture xray = new XrayFixture("BadInputTest/mismatch");
        byte[] dataSet = XrayFixture.dataSet(xray.attributes("MISMATCH-1"));
        String otherUid = TestUids.of("BadInputTest/mismatch-other");
        try (RawAssociation a = RawAssociation.open(scp.port(), "VERTREG", "TESTSCU", List.of(DX), List.of(EXPLICIT_LE))) {
            assertEquals(DicomStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, a.store(1, DX, otherUid, dataSet));
            a.release();
        }
        assertFalse(index.isIndexed(xray.sopInstanceUid));
        assertFalse(index.isIndexed(otherUid));
        assertIncomingEmpty();
    }

    @Test
    void dataSetWithoutRequiredAttributesIsRefusedAndTheAssociationGoesOn() throws Exception {
        XrayFixture xray = new XrayFixture("BadInputTest/missing");
        AttributeList list = xray.attributes("MISSING-1");
        list.remove(TagFromName.SeriesInstanceUID);
        XrayFixture good = new XrayFixture("BadInputTest/missing-good");
        try (RawAssociation a = RawAssociation.open(scp.port(), "VERTREG", "TESTSCU", List.of(DX), List.of(EXPLICIT_LE))) {
            assertEquals(DicomStatus.CANNOT_UNDERSTAND, a.store(1, DX, xray.sopInstanceUid, XrayFixture.dataSet(list)));
            assertEquals(DicomStatus.SUCCESS, a.store(1, DX, good.sopInstanceUid, XrayFixture.dataSet(good.attributes("MISSING-1"))));
            a.release();
        }
        assertFalse(index.isIndexed(xray.sopInstanceUid));
        assertTrue(index.isIndexed(good.sopInstanceUid));
        assertEquals(1, given().queryParam("object", xray.sopInstanceUid).get("/api/audit").jsonPath().getList("$").size());
    }

    /** An accepted compressed syntax whose pixel data does not decode is refused, not kept unusable. */
    @Test
    void undecodableCompressedPixelDataIsRefused() throws Exception {
        XrayFixture xray = new XrayFixture("BadInputTest/undecodable");
        AttributeList list = xray.attributes("JPEG-1");
        list.remove(TagFromName.PixelData);
        java.io.ByteArrayOutputStream dataSet = new java.io.ByteArrayOutputStream();
        dataSet.write(XrayFixture.dataSet(list));
        // (7FE0,0010) OB, undefined length: an empty offset table item, one fragment of noise, the delimiter.
        java.nio.ByteBuffer pixels = java.nio.ByteBuffer.allocate(12 + 8 + 8 + 512 + 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        pixels.putShort((short) 0x7FE0).putShort((short) 0x0010).put((byte) 'O').put((byte) 'B').putShort((short) 0).putInt(-1);
        pixels.putShort((short) 0xFFFE).putShort((short) 0xE000).putInt(0);
        pixels.putShort((short) 0xFFFE).putShort((short) 0xE000).putInt(512);
        byte[] noise = new byte[512];
        new Random(3).nextBytes(noise);
        noise[0] = (byte) 0xFF;
        noise[1] = (byte) 0xD8; // a JPEG start marker, then nonsense
        pixels.put(noise);
        pixels.putShort((short) 0xFFFE).putShort((short) 0xE0DD).putInt(0);
        dataSet.write(pixels.array());
        try (RawAssociation a = RawAssociation.open(scp.port(), "VERTREG", "TESTSCU", List.of(DX),
                List.of(AcceptedTransferSyntaxes.JPEG_LOSSLESS_SV1))) {
            assertEquals(0, a.result(1), "JPEG lossless is accepted at negotiation");
            assertEquals(DicomStatus.CANNOT_UNDERSTAND, a.store(1, DX, xray.sopInstanceUid, dataSet.toByteArray()));
            a.release();
        }
        assertFalse(index.isIndexed(xray.sopInstanceUid));
        assertIncomingEmpty();
        String detail = given().queryParam("object", xray.sopInstanceUid).get("/api/audit").jsonPath().getString("[0].detail");
        assertTrue(detail.contains("cannot be decoded"), detail);
    }

    @Test
    void duplicateIsStoredOnce() throws Exception {
        XrayFixture xray = new XrayFixture("BadInputTest/duplicate");
        Path folder = Files.createTempDirectory("dup");
        String file = xray.write(folder.toFile(), "DUP-1").toString();
        assertTrue(DcmtkTool.store(scp.port(), "TESTSCU", List.of(file)).succeeded());
        assertTrue(DcmtkTool.store(scp.port(), "TESTSCU", List.of(file)).succeeded(), "a duplicate is acknowledged");
        assertEquals(1, given().get("/api/series/" + xray.seriesUid).jsonPath().getInt("instanceCount"));
        try (Stream<Path> files = Files.list(storage.resolve("instances/" + xray.studyUid + "/" + xray.seriesUid))) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void xrayIsIndexedWithItsGeometry() throws Exception {
        XrayFixture xray = new XrayFixture("BadInputTest/xray");
        Path folder = Files.createTempDirectory("xray");
        assertTrue(DcmtkTool.store(scp.port(), "CARM", List.of(xray.write(folder.toFile(), "XR-1").toString())).succeeded());
        var instance = given().get("/api/instances/" + xray.sopInstanceUid).jsonPath();
        assertEquals(1000.0, instance.getDouble("distanceSourceToDetector"));
        assertEquals(600.0, instance.getDouble("distanceSourceToPatient"));
        assertEquals("1.0\\1.0", instance.getString("imagerPixelSpacing"));
        assertEquals("CARM", instance.getString("callingAeTitle"));
        var series = given().get("/api/series/" + xray.seriesUid).jsonPath();
        assertEquals("STORED", series.getString("status"));
        assertEquals("DX", series.getString("modality"));
        assertEquals("LSPINE", series.getString("bodyPartExamined"));
        assertEquals(1, given().get("/api/patients/XR-1/studies").jsonPath().getList("$").size());
    }

    private long storedFileCount() throws Exception {
        try (Stream<Path> files = Files.walk(storage.instancesFolder())) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private long incomingFileCount() {
        try (Stream<Path> files = Files.list(incoming.path())) {
            return files.count();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertIncomingEmpty() {
        assertEquals(0, incomingFileCount(), "nothing left in the incoming folder");
    }

    /** Events of {@code type} about the connection from {@code remoteAddress}: those of other tests do not count. */
    private static int auditCount(String type, String remoteAddress) {
        return given().queryParam("type", type).get("/api/audit").jsonPath()
                .getList("findAll { it.remoteAddress == '" + remoteAddress + "' }").size();
    }

    private static void assertAudited(String type, String remoteAddress) {
        Await.until(() -> auditCount(type, remoteAddress), n -> n > 0, Duration.ofSeconds(5),
                type + " from " + remoteAddress + " in the audit trail");
    }
}
