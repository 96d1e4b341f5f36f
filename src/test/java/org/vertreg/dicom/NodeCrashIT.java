package org.vertreg.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vertreg.testing.Await;
import org.vertreg.testing.NodeProcess;
import org.vertreg.testing.XrayFixture;

/**
 * Black-box test of the packaged node: killed (SIGKILL) in the middle of a C-STORE, it leaves no visible
 * half-written file and no orphan row; at the next start it sweeps the partial transfer and indexes a
 * whole file whose index transaction never committed.
 */
class NodeCrashIT {
    static final String DX = StorageSopClasses.DX_FOR_PRESENTATION;

    @Test
    void killDuringStoreLosesNothingAcceptedAndKeepsNothingHalfWritten() throws Exception {
        Path root = Files.createTempDirectory("vertreg-crash");
        Path archive = root.resolve("archive");
        XrayFixture big = new XrayFixture("NodeCrashIT/big", 1024, 1024);
        byte[] dataSet = XrayFixture.dataSet(big.attributes("CRASH-1"));

        try (NodeProcess node = NodeProcess.startOnEmptyDatabase(archive)) { // closed even if the test fails before the kill
            RawAssociation a = RawAssociation.open(node.dicomPort, "VERTREG", "CARM", List.of(DX),
                    List.of(AcceptedTransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN));
            a.storeTruncated(1, DX, big.sopInstanceUid, dataSet, dataSet.length - 1000);
            Await.until(() -> fileCount(node.incoming().toPath()), n -> n > 0, Duration.ofSeconds(20), "a transfer in progress");
            node.kill();
            a.close();
        }

        Path kept = archive.resolve("instances/" + big.studyUid + "/" + big.seriesUid + "/" + big.sopInstanceUid + ".dcm");
        assertFalse(Files.exists(kept), "no half-written instance is visible");
        assertFalse(indexed(big.sopInstanceUid), "no orphan row");

        // A whole instance renamed into place just before a crash, its index transaction lost.
        XrayFixture orphan = new XrayFixture("NodeCrashIT/orphan");
        Path orphanTarget = archive.resolve("instances/" + orphan.studyUid + "/" + orphan.seriesUid);
        Files.createDirectories(orphanTarget);
        File written = orphan.write(orphanTarget.toFile(), "CRASH-2");
        assertEquals(orphan.sopInstanceUid + ".dcm", written.getName());

        try (NodeProcess restarted = NodeProcess.restart(archive)) {
            assertEquals(0, fileCount(restarted.incoming().toPath()), "the partial transfer is swept at start-up");
            assertTrue(indexed(orphan.sopInstanceUid), "the unindexed whole file is indexed at start-up");
            assertTrue(restarted.get("/api/audit?type=ARCHIVE_RECOVERY").contains("1 partial transfers deleted, 1 stored instances indexed"));
            try (RawAssociation again = RawAssociation.open(restarted.dicomPort, "VERTREG", "CARM", List.of(DX),
                    List.of(AcceptedTransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN))) {
                assertEquals(DicomStatus.SUCCESS, again.store(1, DX, big.sopInstanceUid, dataSet), "the sender's retry is stored");
                again.release();
            }
            assertTrue(indexed(big.sopInstanceUid));
            assertTrue(Files.exists(kept));
        }
    }

    private static long fileCount(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean indexed(String sopInstanceUid) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/vertreg_test", "postgres", "");
             PreparedStatement s = c.prepareStatement("select count(*) from instance where sop_instance_uid = ?")) {
            s.setString(1, sopInstanceUid);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1) > 0;
            }
        }
    }
}
