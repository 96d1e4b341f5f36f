package org.vertreg.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vertreg.cli.Main;
import org.vertreg.imaging.SpinePhantom;
import org.vertreg.testing.Await;
import org.vertreg.testing.DcmtkTool;
import org.vertreg.testing.NodeProcess;

/**
 * The packaged node killed (SIGKILL) in the middle of a registration: after its restart the job's lease lapses, the job
 * runs again under the UIDs its first attempt chose, and the C-arm receives exactly one Spatial Registration object for
 * the X-ray.
 */
class MainJobCrashIT {
    static final String DB = "jdbc:postgresql://127.0.0.1:5432/vertreg_test";

    static Map<String, String> configuration(int carmPort) {
        return Map.ofEntries(Map.entry("VERTREG_JOBS_WORKERS", "true"), Map.entry("VERTREG_JOBS_PREPARATION_BUDGET", "30s"), Map.entry("VERTREG_JOBS_PREPARATION_EPOCHS", "1"),
                Map.entry("VERTREG_JOBS_PREPARATION_SAMPLES", "32"), Map.entry("VERTREG_JOBS_PREPARATION_VALIDATION_SAMPLES", "8"),
                Map.entry("VERTREG_JOBS_PREPARATION_ANATOMY", "vertebra-alone"), Map.entry("VERTREG_JOBS_PREPARATION_LEVELS", "L1"),
                Map.entry("VERTREG_JOBS_OUTPUTS_PEERS", "CARM=127.0.0.1:" + carmPort), Map.entry("VERTREG_JOBS_LEASE", "3s"),
                Map.entry("VERTREG_JOBS_HEARTBEAT", "1s"), Map.entry("VERTREG_JOBS_POLL_INTERVAL", "200ms"),
                Map.entry("VERTREG_ARCHIVE_QUIET_PERIOD", "1s"), Map.entry("VERTREG_ARCHIVE_ASSEMBLY_INTERVAL", "500ms"));
    }

    static String state(long job) throws Exception {
        try (Connection c = DriverManager.getConnection(DB, "postgres", ""); PreparedStatement s = c.prepareStatement(
                "select state from job where id = ?")) {
            s.setLong(1, job);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : "";
            }
        }
    }

    static long registrationOf(NodeProcess node, String sop) {
        return Await.until(() -> {
            try {
                List<Integer> ids = JsonPath.from(node.get("/api/jobs?kind=register-xray&sop=" + sop)).getList("id");
                return ids.isEmpty() ? 0L : (long) ids.get(0);
            } catch (Exception e) {
                return 0L;
            }
        }, id -> id > 0, Duration.ofMinutes(1), "the registration of " + sop);
    }

    static String sopOf(Path file) throws Exception {
        AttributeList l = new AttributeList();
        l.read(file.toFile(), TagFromName.PixelData);
        return Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPInstanceUID);
    }

    @Test
    void aNodeKilledMidRegistrationSendsOneAnswerAfterItsRestart() throws Exception {
        Path root = Files.createTempDirectory("vertreg-main-crash");
        Path archive = root.resolve("archive"), received = Files.createDirectories(root.resolve("received"));
        PhantomCase patient = PhantomCase.write(Files.createDirectories(root.resolve("case")), "CRASH-MAIN");
        int carmPort = NodeMainJobTest.freePort();
        Process carm = new ProcessBuilder("storescp", "-aet", "CARM", "-od", received.toString(), String.valueOf(carmPort))
                .redirectErrorStream(true).redirectOutput(root.resolve("storescp.log").toFile()).start();
        Map<String, String> config = configuration(carmPort);
        try {
            long job = 0;
            String xraySop = null;
            NodeProcess node = NodeProcess.startOnEmptyDatabase(archive, config);
            try {
                assertTrue(DcmtkTool.store(node.dicomPort, "SCANNER", List.of(patient.ctFolder().toString(), patient.segFolder().toString()))
                        .succeeded());
                Await.until(() -> {
                    try {
                        return JsonPath.from(node.get("/api/jobs?kind=prepare-vertebra&state=COMPLETED")).getList("id").size();
                    } catch (Exception e) {
                        return 0;
                    }
                }, n -> n == 1, Duration.ofMinutes(3), "the preparation of L1");
                // X-rays until a kill lands while one is being registered (each registration takes about a second)
                for (int attempt = 1; attempt <= 5 && job == 0; attempt++) {
                    Path xrays = root.resolve("xray-" + attempt);
                    assertEquals(0, Main.run(new String[] {"drr", "--ct", root.resolve("case/phantom.nii.gz").toString(), "--labels",
                            root.resolve("case/phantom-seg.nii.gz").toString(), "--level", String.valueOf(SpinePhantom.MIDDLE_LABEL),
                            "--low-dose", "--seed", String.valueOf(attempt), "--pose", PhantomCase.TRUE_POSE, "--patient-id", "CRASH-MAIN",
                            "--out", xrays.toString()}, System.out, System.err));
                    Path xray = xrays.resolve("drr-001.dcm");
                    assertTrue(DcmtkTool.store(node.dicomPort, "CARM", List.of(xray.toString())).succeeded());
                    long id = registrationOf(node, sopOf(xray));
                    String s = Await.until(() -> {
                        try {
                            return state(id);
                        } catch (Exception e) {
                            return "";
                        }
                    }, x -> x.equals("RUNNING") || x.equals("COMPLETED") || x.equals("FAILED"), Duration.ofMinutes(1), "job " + id + " to start");
                    if (s.equals("RUNNING")) {
                        node.kill();
                        if (state(id).equals("RUNNING")) {
                            job = id;
                            xraySop = sopOf(xray);
                        }
                    }
                }
            } finally {
                node.close();
            }
            assertTrue(job > 0, "no kill landed in the middle of a registration in five tries");

            try (NodeProcess restarted = NodeProcess.restart(archive, config)) {
                long id = job;
                Await.until(() -> {
                    try {
                        return state(id);
                    } catch (Exception e) {
                        return "";
                    }
                }, x -> x.equals("COMPLETED") || x.equals("FAILED"), Duration.ofMinutes(2), "the registration to run again");
                JsonPath view = JsonPath.from(restarted.get("/api/jobs/" + id));
                assertEquals("COMPLETED", view.getString("state"), view.prettify());
                assertEquals(2, view.getInt("attempt"), "the killed attempt counts");
                assertTrue(view.getList("transitions.reason").stream().anyMatch(r -> r != null && r.toString().contains("lease")),
                        "the lapsed lease is on record");
                String registrationSop = view.getString("stateData.outputUids.registrationSopUid");
                long send = view.getLong("stateData.sendJobId");
                Await.until(() -> {
                    try {
                        return state(send);
                    } catch (Exception e) {
                        return "";
                    }
                }, x -> x.equals("COMPLETED"), Duration.ofMinutes(1), "the outputs to be sent");
                List<Path> regs;
                try (Stream<Path> files = Files.list(received)) {
                    regs = files.filter(f -> NodeMainJobTest.sopClass(f).equals("1.2.840.10008.5.1.4.1.1.66.1")).toList();
                }
                assertEquals(1, regs.size(), "Spatial Registration objects received: " + regs);
                AttributeList l = new AttributeList();
                l.read(regs.get(0).toFile());
                assertEquals(registrationSop, Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPInstanceUID));
                assertTrue(l.toString().contains(xraySop), "the REG references the X-ray");
            }
        } finally {
            carm.destroyForcibly();
        }
    }
}
