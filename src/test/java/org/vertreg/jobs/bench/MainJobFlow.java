package org.vertreg.jobs.bench;

import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.vertreg.cli.Main;
import org.vertreg.testing.Await;
import org.vertreg.testing.DcmtkTool;
import org.vertreg.testing.NodeProcess;
import org.vertreg.testing.OrthancPeer;

/**
 * The node's main job timed as a hospital sees it, beside a real PACS: Orthanc routes a CT, its segmentation and then
 * X-rays to the packaged node (Lua rule), and the clock runs from each X-ray's C-STORE into Orthanc until Orthanc holds
 * its Spatial Registration object. Printed beside the peer that bounds it: the same X-ray's C-STORE into Orthanc alone.
 * Also the preparation time of the vertebra for the given budget.
 *
 * <p>Usage: {@code MainJobFlow CT.nii.gz LABELS.nii.gz LABEL LEVEL_NAME XRAYS BUDGET [ANATOMY]} (TotalSegmentator labels),
 * e.g. the demo CT, 29, L3, 20, 5m.
 * The node runs on a database of its own ({@value #DATABASE}, recreated) and a fresh archive under target/.
 */
public final class MainJobFlow {
    static final String DATABASE = "vertreg_bench_flow";

    public static void main(String[] args) throws Exception {
        Path ct = Path.of(args[0]), labels = Path.of(args[1]);
        int label = Integer.parseInt(args[2]);
        String level = args[3];
        int xrays = Integer.parseInt(args[4]);
        String budget = args[5], anatomy = args.length > 6 ? args[6] : "whole-ct";
        Path work = Files.createDirectories(Path.of("target", "bench-flow").toAbsolutePath());
        recreateDatabase();
        int orthancPort = freePort();
        Map<String, String> env = Map.ofEntries(Map.entry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/" + DATABASE),
                Map.entry("VERTREG_JOBS_WORKERS", "true"), Map.entry("VERTREG_JOBS_PREPARATION_BUDGET", budget),
                Map.entry("VERTREG_JOBS_PREPARATION_ANATOMY", anatomy), Map.entry("VERTREG_JOBS_PREPARATION_LEVELS", level),
                Map.entry("VERTREG_JOBS_OUTPUTS_PEERS", "ORTHANC=127.0.0.1:" + orthancPort), Map.entry("VERTREG_ARCHIVE_QUIET_PERIOD", "2s"));
        Path dicom = work.resolve("dicom");
        run("dicomize", "--ct", ct.toString(), "--labels", labels.toString(), "--out", dicom.toString(), "--patient-id", "FLOW-1",
                "--patient-name", "Bench^Flow", "--label-names", "totalseg");
        Path xrayDir = work.resolve("xrays");
        run("drr", "--ct", ct.toString(), "--labels", labels.toString(), "--level", String.valueOf(label), "--whole-ct", "--low-dose",
                "--random", String.valueOf(xrays), "--seed", "17", "--patient-id", "FLOW-1", "--out", xrayDir.toString());
        List<Path> files;
        try (Stream<Path> s = Files.list(xrayDir)) {
            files = s.filter(f -> f.toString().endsWith(".dcm")).sorted().toList();
        }

        try (NodeProcess node = NodeProcess.startOnEmptyDatabase(work.resolve("archive"), env);
             OrthancPeer orthanc = OrthancPeer.builder().dicomPort(orthancPort).node("VERTREG", node.dicomPort).autoRoute("CT", "SEG", "DX")
                     .directory(work.resolve("orthanc")).start()) {
            DcmtkTool.Result sent = DcmtkTool.run("storescu", "-aet", "MODALITY", "-aec", orthanc.aeTitle(), "-R", "+sd", "127.0.0.1",
                    String.valueOf(orthanc.dicomPort()), dicom.resolve("ct").toString(), dicom.resolve("seg").toString());
            if (!sent.succeeded()) {
                throw new IllegalStateException(sent.output());
            }
            JsonPath prep = Await.until(() -> jobs(node, "prepare-vertebra"), j -> j.getList("state").contains("COMPLETED")
                    || j.getList("state").contains("FAILED"), Duration.ofHours(2), "the preparation of " + level);
            long prepId = prep.getLong("[0].id");
            JsonPath p = JsonPath.from(node.get("/api/jobs/" + prepId));
            Instant began = Instant.parse(p.getString("transitions.find { it.to == 'RUNNING' }.at"));
            Instant ended = Instant.parse(p.getString("finishedAt"));
            System.out.printf(Locale.ROOT, "preparation of %s (%s, budget %s): %s in %.1f min, validation mTRE %s mm%n", level, anatomy, budget,
                    p.getString("state"), Duration.between(began, ended).toMillis() / 60000.0, p.getString("stateData.validationMeanTreMm"));

            double[] flow = new double[files.size()], store = new double[files.size()];
            List<Double> errors = new ArrayList<>(), refine = new ArrayList<>();
            int low = 0;
            for (int i = 0; i < files.size(); i++) {
                int before = orthanc.findInstances("REG").size();
                long t0 = System.nanoTime();
                DcmtkTool.Result r = DcmtkTool.run("storescu", "-aet", "CARM", "-aec", orthanc.aeTitle(), "-R", "127.0.0.1",
                        String.valueOf(orthanc.dicomPort()), files.get(i).toString());
                store[i] = (System.nanoTime() - t0) / 1e6;
                if (!r.succeeded()) {
                    throw new IllegalStateException(r.output());
                }
                Await.until(() -> uncheckedCount(orthanc), n -> n > before, Duration.ofMinutes(5), "the REG of X-ray " + i);
                flow[i] = (System.nanoTime() - t0) / 1e6;
            }
            for (Object id : jobs(node, "register-xray").getList("id")) {
                JsonPath j = JsonPath.from(node.get("/api/jobs/" + id));
                errors.add(j.getDouble("stateData.trueMtreMm"));
                refine.add(j.getDouble("stateData.stageMs.refine"));
                low += j.getBoolean("stateData.lowConfidence") ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "%d X-rays (%s, low-dose, random poses ±18°/±10 mm): C-STORE into Orthanc until Orthanc holds the "
                    + "REG: median %.0f ms, p95 %.0f ms; the X-ray's C-STORE into Orthanc alone: median %.0f ms, p95 %.0f ms; ratio of medians "
                    + "%.1f; goal median ≤ 2000 ms: %s%n", files.size(), anatomy, median(flow), p95(flow), median(store), p95(store),
                    median(flow) / median(store), median(flow) <= 2000 ? "met" : "NOT met");
            System.out.printf(Locale.ROOT, "refinement inside the job: median %.0f ms, p95 %.0f ms; mTRE against the true poses: mean %.2f mm, "
                    + "median %.2f mm, worst %.2f mm, %d at 2 mm or more; %d low confidence%n", median(toArray(refine)), p95(toArray(refine)),
                    errors.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN), median(toArray(errors)),
                    errors.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), errors.stream().filter(e -> e >= 2).count(), low);
        }
        System.exit(0);
    }

    private static JsonPath jobs(NodeProcess node, String kind) {
        try {
            return JsonPath.from(node.get("/api/jobs?kind=" + kind + "&limit=500"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int uncheckedCount(OrthancPeer orthanc) {
        try {
            return orthanc.findInstances("REG").size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(String... args) {
        if (Main.run(args, System.out, System.err) != 0) {
            throw new IllegalStateException(String.join(" ", args) + " failed");
        }
    }

    private static void recreateDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("drop database if exists " + DATABASE + " with (force)");
            s.execute("create database " + DATABASE);
        }
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static double[] toArray(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double p95(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(0.95 * s.length) - 1)];
    }
}
