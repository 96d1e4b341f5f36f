package org.vertreg.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Orthanc fixture against the real Orthanc: REST round trip, and the Lua auto-route to the node's place. */
class OrthancPeerTest {
    private static final String DX = "1.2.840.10008.5.1.4.1.1.1.1";
    private static final String SPATIAL_REGISTRATION = "1.2.840.10008.5.1.4.1.1.66.1";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void uploadFindAndDownloadGiveTheSameFileBack() throws Exception {
        XrayFixture dx = new XrayFixture("orthanc-peer/round-trip");
        Path file = dx.write(tmp.toFile(), "ORTHANC-RT").toPath();
        try (OrthancPeer orthanc = OrthancPeer.builder().directory(tmp.resolve("orthanc")).start()) {
            JsonNode system = orthanc.get("/system");
            assertEquals(orthanc.dicomPort(), system.get("DicomPort").asInt());
            assertEquals("ORTHANC", orthanc.aeTitle());
            // Orthanc lists its own explorer's extension point as "explorer.js" even with no plugin loaded.
            List<String> plugins = new ArrayList<>();
            orthanc.get("/plugins").forEach(p -> plugins.add(p.asText()));
            plugins.remove("explorer.js");
            assertEquals(List.of(), plugins, "no plugin may load");

            String id = orthanc.upload(file);
            assertEquals(List.of(id), orthanc.instances());
            assertEquals(List.of(id), orthanc.findInstances("DX"));
            assertEquals(List.of(id), orthanc.findInstances(DX));
            assertEquals(List.of(), orthanc.findInstances("CT"));
            assertEquals(dx.sopInstanceUid, orthanc.tags(id).get("SOPInstanceUID").asText());

            Path back = orthanc.download(id, tmp.resolve("back.dcm"));
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(back));
        }
        assertTrue(Files.size(tmp.resolve("orthanc/orthanc.log")) > 0, "close keeps Orthanc's log");
        assertTrue(Files.notExists(tmp.resolve("orthanc/storage")), "close deletes the storage");
    }

    /**
     * storescp stands in for the node. Orthanc runs OnStoredInstance one instance at a time in the order of storage,
     * so once the DX stored last has arrived and every send job has ended, an instance stored before it that the
     * route had taken would have arrived too.
     */
    @Test
    void routesStoredXraysToTheNodeButNotTheNodesOwnInstancesNorRegistrations() throws Exception {
        Path received = Files.createDirectories(tmp.resolve("received"));
        int nodePort = freePort();
        Process storescp = new ProcessBuilder("storescp", "-aet", "VERTREG", "-od", received.toString(),
                String.valueOf(nodePort))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("storescp.log").toFile()).start();
        try (OrthancPeer orthanc = OrthancPeer.builder().node("VERTREG", nodePort).autoRoute("DX", "CR")
                .directory(tmp.resolve("orthanc")).start()) {
            Await.until(() -> storescp.isAlive() && DcmtkTool.echo(nodePort, "PROBE").succeeded(), ok -> ok
                    || !storescp.isAlive(), WAIT, "storescp on port " + nodePort);
            assertTrue(storescp.isAlive(), "storescp exited: " + Files.readString(tmp.resolve("storescp.log")));
            assertTrue(orthanc.get("/modalities/" + OrthancPeer.NODE_MODALITY + "/configuration").path("AET").asText()
                    .equals("VERTREG"));

            XrayFixture fromNode = new XrayFixture("orthanc-peer/from-node");
            String registration = TestUids.of("orthanc-peer/reg/instance");
            XrayFixture routed = new XrayFixture("orthanc-peer/routed");
            // The node's own result (calling AE title VERTREG), then a registration from elsewhere, then the X-ray.
            storeInto(orthanc, "VERTREG", fromNode.write(tmp.toFile(), "ORTHANC-ROUTE").toPath());
            storeInto(orthanc, "MODALITY", writeRegistration(tmp.resolve("reg.dcm"), registration));
            storeInto(orthanc, "MODALITY", routed.write(tmp.toFile(), "ORTHANC-ROUTE").toPath());
            assertEquals(3, orthanc.instances().size());

            Await.until(() -> sopInstanceUids(received), uids -> uids.contains(routed.sopInstanceUid), WAIT,
                    "storescp to receive the routed DX");
            List<JsonNode> jobs = orthanc.waitForJobs(WAIT);
            assertTrue(jobs.stream().allMatch(j -> j.path("State").asText().equals("Success")), "send jobs: " + jobs);
            assertEquals(Set.of(routed.sopInstanceUid), sopInstanceUids(received),
                    "only the DX that did not come from the node is routed; not " + fromNode.sopInstanceUid
                            + " (from the node) nor " + registration + " (REG)");
        } finally {
            storescp.destroy();
            if (!storescp.waitFor(10, TimeUnit.SECONDS)) {
                storescp.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void anAutoRouteWithoutTheNodeIsRefused() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> OrthancPeer.builder().autoRoute("DX").directory(tmp).start());
        assertTrue(e.getMessage().contains("node"), e.getMessage());
    }

    private static void storeInto(OrthancPeer orthanc, String callingAe, Path file) {
        DcmtkTool.Result r = DcmtkTool.run("storescu", "-aet", callingAe, "-aec", orthanc.aeTitle(), "-R",
                "127.0.0.1", String.valueOf(orthanc.dicomPort()), file.toString());
        assertTrue(r.succeeded(), "storescu " + file + " as " + callingAe + ": " + r.output());
    }

    /** A Spatial Registration header without content: enough for Orthanc and storescp, which do not check the IOD. */
    private static Path writeRegistration(Path out, String sopInstanceUid) throws Exception {
        AttributeList l = new AttributeList();
        put(l, new UniqueIdentifierAttribute(TagFromName.SOPClassUID), SPATIAL_REGISTRATION);
        put(l, new UniqueIdentifierAttribute(TagFromName.SOPInstanceUID), sopInstanceUid);
        put(l, new UniqueIdentifierAttribute(TagFromName.StudyInstanceUID), TestUids.of("orthanc-peer/reg/study"));
        put(l, new UniqueIdentifierAttribute(TagFromName.SeriesInstanceUID), TestUids.of("orthanc-peer/reg/series"));
        put(l, new UniqueIdentifierAttribute(TagFromName.FrameOfReferenceUID), TestUids.of("orthanc-peer/reg/frame"));
        put(l, new CodeStringAttribute(TagFromName.Modality), "REG");
        put(l, new LongStringAttribute(TagFromName.PatientID), "ORTHANC-ROUTE");
        FileMetaInformation.addFileMetaInformation(l, TransferSyntax.ExplicitVRLittleEndian, "VERTREGTEST");
        l.write(out.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
        return out;
    }

    private static void put(AttributeList l, com.pixelmed.dicom.Attribute a, String value) throws Exception {
        a.addValue(value);
        l.put(a);
    }

    /** The SOP Instance UIDs of the files storescp has written (its partial files are skipped until complete). */
    private static Set<String> sopInstanceUids(Path folder) {
        Set<String> uids = new TreeSet<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            s.filter(Files::isRegularFile).forEach(files::add);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (Path f : files) {
            AttributeList l = new AttributeList();
            try {
                l.read(new File(f.toString()));
                uids.add(com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPInstanceUID));
            } catch (Exception incomplete) {
                // storescp may still be writing it; the next poll reads it whole.
            }
        }
        return uids;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
