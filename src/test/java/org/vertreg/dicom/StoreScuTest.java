package org.vertreg.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vertreg.dicom.CtSeriesWriterTest.read;
import static org.vertreg.dicom.CtSeriesWriterTest.string;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.testing.TestUids;

/** Against dcmtk's storescp, started on a port the system chose, and against a listener that never answers. */
class StoreScuTest {
    private static final String HOST = "127.0.0.1";
    private static final AeTitle STORESCP = new AeTitle("STORESCP");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    final StoreScu scu = new StoreScu(new AeTitle("VERTREG"), Duration.ofSeconds(5), Duration.ofSeconds(20));
    Path registration, capture, received;
    Process storescp;

    @BeforeEach
    void writeTheTwoOutputs() throws Exception {
        registration = new SpatialRegistrationWriter(SpatialRegistrationWriterTest.CLOCK).write(
                SpatialRegistrationWriterTest.content(SpatialRegistrationWriterTest.ctInOtherStudy(), "",
                        SpatialRegistrationWriterTest.ctToExposure()), dir.resolve("out/reg.dcm")).file();
        capture = dir.resolve("out/sc.dcm");
        new OverlayCaptureWriter(SpatialRegistrationWriterTest.CLOCK).write(OverlayCaptureWriterTest.overlay(),
                OverlayCaptureWriterTest.content(), capture);
        received = Files.createDirectories(dir.resolve("received"));
    }

    @AfterEach
    void stopStorescp() throws InterruptedException {
        if (storescp != null) {
            storescp.destroy();
            if (!storescp.waitFor(10, TimeUnit.SECONDS)) {
                storescp.destroyForcibly();
            }
        }
    }

    @Test
    void storesBothFilesAndReportsSuccess() throws Exception {
        StoreScu.RemoteAe remote = startStorescp();
        List<StoreResult> results = scu.send(remote, List.of(registration, capture));
        assertEquals(2, results.size());
        for (StoreResult r : results) {
            assertTrue(r.isSuccess(), r.toString());
        }
        assertEquals(TestUids.of("SRO/instance"), results.get(0).sopInstanceUid());
        assertEquals(TestUids.of("SC/instance"), results.get(1).sopInstanceUid());
        assertEquals(Set.of(TestUids.of("SRO/instance"), TestUids.of("SC/instance")), receivedInstances(2));
    }

    @Test
    void sendsInImplicitVrWhenThatIsAllTheRemoteAeAccepts() throws Exception {
        StoreScu.RemoteAe remote = startStorescp("+xi");
        for (StoreResult r : scu.send(remote, List.of(registration, capture))) {
            assertTrue(r.isSuccess(), r.toString());
        }
        assertEquals(2, receivedInstances(2).size());
        try (Stream<Path> files = Files.list(received)) {
            for (Path f : files.toList()) {
                assertEquals(TransferSyntax.ImplicitVRLittleEndian, string(read(f), TagFromName.TransferSyntaxUID));
            }
        }
    }

    @Test
    void aFileNoContextWasAcceptedForIsReportedAndTheOthersStored() throws Exception {
        Path unknown = withSopClass(capture, TestUids.of("a SOP class storescp does not know"), dir.resolve("out/unknown.dcm"));
        StoreScu.RemoteAe remote = startStorescp();
        List<StoreResult> results = scu.send(remote, List.of(unknown, registration));
        assertEquals(StoreScu.SOP_CLASS_NOT_SUPPORTED, results.get(0).status());
        assertTrue(results.get(0).errorComment().contains("abstract-syntax-not-supported"), results.get(0).errorComment());
        assertTrue(results.get(1).isSuccess(), results.get(1).toString());
        assertEquals(Set.of(TestUids.of("SRO/instance")), receivedInstances(1));
    }

    @Test
    void severalThreadsSendThroughOneScuAtOnce() throws Exception {
        StoreScu.RemoteAe remote = startStorescp();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<StoreResult>>> sends = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                sends.add(threads.submit(() -> scu.send(remote, List.of(registration, capture, registration))));
            }
            for (Future<List<StoreResult>> send : sends) {
                List<StoreResult> results = send.get(60, TimeUnit.SECONDS);
                assertEquals(3, results.size());
                results.forEach(r -> assertTrue(r.isSuccess(), r.toString()));
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(2, receivedInstances(2).size());
    }

    @Test
    void aRejectedAssociationIsAnErrorNamingTheRemoteAe() throws Exception {
        StoreScu.RemoteAe remote = startStorescp("--refuse");
        IOException e = assertThrows(IOException.class, () -> scu.send(remote, List.of(registration)));
        assertTrue(e.getMessage().contains("STORESCP at " + HOST + ":" + remote.port()), e.getMessage());
        assertTrue(e.getMessage().contains("A-ASSOCIATE-RJ"), e.getMessage());
    }

    @Test
    void aClosedPortIsAnErrorNamingTheRemoteAe() throws Exception {
        StoreScu.RemoteAe remote = new StoreScu.RemoteAe(HOST, freePort(), STORESCP);
        IOException e = assertThrows(IOException.class, () -> scu.send(remote, List.of(registration)));
        assertTrue(e.getMessage().contains("STORESCP at " + HOST + ":" + remote.port()), e.getMessage());
    }

    @Test
    void aRemoteAeThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 4, java.net.InetAddress.getByName(HOST))) {
            // The system completes the TCP handshake for the backlog; nobody reads or answers.
            StoreScu impatient = new StoreScu(new AeTitle("VERTREG"), Duration.ofSeconds(5), Duration.ofMillis(300));
            StoreScu.RemoteAe remote = new StoreScu.RemoteAe(HOST, silent.getLocalPort(), STORESCP);
            IOException e = assertThrows(IOException.class, () -> impatient.send(remote, List.of(registration)));
            String expected = "no answer from STORESCP at " + HOST + ":" + silent.getLocalPort() + " (time-outs: connect 5000 ms, read 300 ms)";
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
    }

    @Test
    void anUnreadableFileIsRefusedBeforeConnecting() throws Exception {
        Path notDicom = Files.writeString(dir.resolve("out/not.dcm"), "not DICOM");
        StoreScu.RemoteAe nobody = new StoreScu.RemoteAe(HOST, freePort(), STORESCP);
        IOException e = assertThrows(IOException.class, () -> scu.send(nobody, List.of(registration, notDicom)));
        assertTrue(e.getMessage().contains(notDicom.toString()), e.getMessage());
    }

    private StoreScu.RemoteAe startStorescp(String... options) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("storescp", "-aet", STORESCP.value(), "-od", received.toString()));
        command.addAll(List.of(options));
        command.add(Integer.toString(port));
        storescp = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("storescp.log").toFile()).start();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            // A bare connection is dropped by storescp as soon as it closes, and then it listens again.
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(HOST, port), 1000);
                return new StoreScu.RemoteAe(HOST, port, STORESCP);
            } catch (IOException notYet) {
                if (!storescp.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("storescp did not start listening on " + port + ": "
                            + Files.readString(dir.resolve("storescp.log")));
                }
                Thread.sleep(50);
            }
        }
    }

    /** The SOP Instance UIDs of the files storescp wrote, once there are {@code count} of them (bounded wait). */
    private Set<String> receivedInstances(int count) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<Path> files;
            try (Stream<Path> list = Files.list(received)) {
                files = list.toList();
            }
            if (files.size() >= count || System.nanoTime() > deadline) {
                Set<String> uids = new TreeSet<>();
                for (Path f : files) {
                    uids.add(string(read(f), TagFromName.SOPInstanceUID));
                }
                return uids;
            }
            Thread.sleep(50);
        }
    }

    /** A copy of {@code in} that claims another SOP class (a new instance, so storescp sees it as such). */
    private static Path withSopClass(Path in, String sopClassUid, Path out) throws Exception {
        AttributeList l = read(in);
        l.removeMetaInformationHeaderAttributes();
        DicomAttributes.put(l, "SOPClassUID", sopClassUid);
        DicomAttributes.put(l, "SOPInstanceUID", TestUids.of("unknown SOP class instance"));
        Part10Writer.write(l, out);
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
