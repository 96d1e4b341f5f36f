package org.vertreg.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vertreg.testing.DcmtkTool;
import org.vertreg.testing.NodeProcess;
import org.vertreg.testing.XrayFixture;

/**
 * The packaged node with its archive on a 5 MB file system: the instance that does not fit is refused
 * with "out of resources", nothing of it is left behind, what was accepted before stays, and the node
 * goes on answering.
 */
class DiskFullIT {
    static final String DX = StorageSopClasses.DX_FOR_PRESENTATION;
    private Path mountPoint;

    @Test
    void fullDiskRefusesWithOutOfResourcesAndKeepsWhatWasAccepted() throws Exception {
        mountPoint = Files.createTempDirectory("vertreg-small-disk");
        DcmtkTool.Result mounted = DcmtkTool.run("mount", "-t", "tmpfs", "-o", "size=5m", "tmpfs", mountPoint.toString());
        assertTrue(mounted.succeeded(), "this test needs root to mount a small tmpfs: " + mounted.output());
        Path archive = mountPoint.resolve("archive");
        XrayFixture first = new XrayFixture("DiskFullIT/first", 1024, 1024);   // 2 MB: fits
        XrayFixture second = new XrayFixture("DiskFullIT/second", 1400, 1400);  // 3.9 MB: does not fit beside the first
        XrayFixture small = new XrayFixture("DiskFullIT/small");

        try (NodeProcess node = NodeProcess.startOnEmptyDatabase(archive);
             RawAssociation a = RawAssociation.open(node.dicomPort, "VERTREG", "CARM", List.of(DX),
                     List.of(AcceptedTransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN))) {
            assertEquals(DicomStatus.SUCCESS, a.store(1, DX, first.sopInstanceUid, XrayFixture.dataSet(first.attributes("DISK-1"))));
            assertEquals(DicomStatus.OUT_OF_RESOURCES,
                    a.store(1, DX, second.sopInstanceUid, XrayFixture.dataSet(second.attributes("DISK-1"))));
            assertEquals(DicomStatus.SUCCESS, a.store(1, DX, small.sopInstanceUid, XrayFixture.dataSet(small.attributes("DISK-1"))),
                    "the space of the refused instance is given back");
            a.release();

            assertEquals(0, count(archive.resolve("incoming")), "no partial file left");
            assertTrue(Files.exists(instance(archive, first)), "the accepted instance is kept");
            assertTrue(Files.notExists(instance(archive, second)));
            assertTrue(node.get("/api/instances/" + first.sopInstanceUid).contains(first.sopInstanceUid));
            assertTrue(node.get("/api/audit?object=" + second.sopInstanceUid).contains("0xA700"));
            assertTrue(DcmtkTool.echo(node.dicomPort, "CARM").succeeded());
        }
    }

    @AfterEach
    void unmount() {
        if (mountPoint != null) {
            DcmtkTool.run("umount", mountPoint.toString());
        }
    }

    private static Path instance(Path archive, XrayFixture x) {
        return archive.resolve("instances/" + x.studyUid + "/" + x.seriesUid + "/" + x.sopInstanceUid + ".dcm");
    }

    private static long count(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }
}
