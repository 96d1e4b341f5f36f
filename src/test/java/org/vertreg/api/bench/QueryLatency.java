package org.vertreg.api.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;
import org.vertreg.jobs.JobQueue;
import org.vertreg.jobs.NewJob;
import org.vertreg.testing.NodeProcess;

/**
 * Latency of the two searches people wait on, through the packaged node's REST API beside the same SQL run bare: an
 * audit search with three filters over {@code AUDIT_ROWS} seeded audit rows (goal ≤ 100 ms), and the worklist's first
 * page with {@code JOBS} jobs (goal ≤ 50 ms; also one patient's jobs, and UPS-RS search and retrieve of the oldest
 * workitem), median and p95 of {@code RUNS} each, after as many warm-up calls.
 * Usage: {@code QueryLatency [AUDIT_ROWS [JOBS [RUNS]]]}; its own database {@value #DATABASE}, recreated.
 */
public final class QueryLatency {
    static final String DATABASE = "vertreg_bench_queries";
    static final String URL = "jdbc:postgresql://127.0.0.1:5432/" + DATABASE;

    public static void main(String[] args) throws Exception {
        int auditRows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("drop database if exists " + DATABASE + " with (force)");
            s.execute("create database " + DATABASE);
        }
        Path work = Files.createDirectories(Path.of("target", "bench-queries").toAbsolutePath());
        try (NodeProcess node = NodeProcess.startOnEmptyDatabase(work.resolve("archive"), Map.of("QUARKUS_DATASOURCE_JDBC_URL", URL))) {
            long t0 = System.nanoTime();
            try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement s = c.createStatement()) {
                // through the chaining trigger, as the node writes them: 8 event types, 50 actors, a second apart
                s.execute("insert into audit_event (occurred_at, event_type, outcome, actor, remote_address, object_uid, study_uid, detail) "
                        + "select timestamptz '2026-01-01' + make_interval(secs => i), "
                        + "(array['INSTANCE_STORED','INSTANCES_RECEIVED','ASSOCIATION_REFUSED','JOB_RETRIED','REGISTRATION_QUEUED',"
                        + "'SERIES_ASSEMBLED','LABELS_LINKED','TARGET_ADDED'])[1 + i % 8], "
                        + "(array['SUCCESS','SUCCESS','SUCCESS','REFUSED','FAILURE'])[1 + i % 5], 'CARM-' || (i % 50), '10.0.0.' || (i % 250), "
                        + "'2.25.' || i, '2.25.9' || (i / 1000), 'seeded' from generate_series(1, " + auditRows + ") i");
                s.execute("analyze audit_event");
            }
            System.out.printf(Locale.ROOT, "seeded %d audit rows in %.0f s%n", auditRows, (System.nanoTime() - t0) / 1e9);
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(URL);
            ds.setUser("postgres");
            JobQueue queue = new JobQueue(ds, Clock.systemUTC());
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                for (int i = 0; i < jobs; i++) {
                    queue.enqueue(c, NewJob.of(i % 10 == 0 ? "prepare-vertebra" : "register-xray", "{\"sopInstanceUid\": \"2.25." + i + "\"}"));
                }
                c.commit();
            }
            try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement s = c.createStatement()) {
                // one patient's X-rays: the registrations of every 100th job
                s.execute("insert into patient (patient_id, patient_name) values ('BENCH-PATIENT', 'Bench^Patient')");
                s.execute("insert into study (patient_pk, study_instance_uid) select id, '2.25.77' from patient");
                s.execute("insert into series (study_pk, series_instance_uid, modality, status) select id, '2.25.78', 'DX', 'READY' from study");
                s.execute("insert into instance (series_pk, sop_instance_uid, sop_class_uid, transfer_syntax_uid, file_path, file_size) "
                        + "select (select id from series), '2.25.' || i, '1.2.840.10008.5.1.4.1.1.1.1', '1.2.840.10008.1.2.1', 'x/' || i, 1 "
                        + "from generate_series(1, " + jobs + ", 100) i");
                s.execute("analyze");
            }
            String oldestWorkitem;
            try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("select workitem_uid from job order by id limit 1")) {
                r.next();
                oldestWorkitem = r.getString(1);
            }

            String audit = "/api/audit?type=INSTANCE_STORED&actor=CARM-8&from=2026-01-05T00:00:00Z&limit=100";
            String auditSql = "select * from audit_event where event_type = 'INSTANCE_STORED' and actor = 'CARM-8' "
                    + "and occurred_at >= timestamptz '2026-01-05T00:00:00Z' order by id desc limit 100";
            String worklist = "/api/jobs?limit=100";
            String worklistSql = "select * from job order by created_at desc, id desc limit 100";
            report("audit search, 3 filters, " + auditRows + " rows", time(node, audit, runs), timeSql(auditSql, runs), 100);
            report("worklist first page, " + jobs + " jobs", time(node, worklist, runs), timeSql(worklistSql, runs), 50);
            report("worklist of one patient, " + jobs + " jobs", time(node, "/api/jobs?patient=BENCH-PATIENT&limit=100", runs),
                    timeSql(patientJobsSql("BENCH-PATIENT"), runs), 50);
            report("UPS-RS search first page, " + jobs + " jobs", time(node, "/workitems?limit=100", runs),
                    timeSql("select * from job where kind in ('register-xray', 'prepare-vertebra') order by id desc limit 100", runs), 50);
            report("UPS-RS retrieve of the oldest workitem, " + jobs + " jobs", time(node, "/workitems/" + oldestWorkitem, runs),
                    timeSql("select * from job where workitem_uid = '" + oldestWorkitem + "'", runs), 50);
        }
        System.exit(0);
    }

    /** The statement JobListing runs for {@code ?patient=}: the patient's X-rays, CT series and sent instances. */
    static String patientJobsSql(String patientId) {
        String patient = " join study st on st.id = s.study_pk join patient p on p.id = st.patient_pk where p.patient_id = '" + patientId + "'";
        return "select * from job where (payload->>'sopInstanceUid' in (select i.sop_instance_uid from instance i join series s on s.id = "
                + "i.series_pk" + patient + ") or payload->>'seriesInstanceUid' in (select s.series_instance_uid from series s" + patient + ") "
                + "or jsonb_exists_any(payload->'sopInstanceUids', array(select i.sop_instance_uid from instance i join series s on "
                + "s.id = i.series_pk" + patient + "))) order by created_at desc, id desc limit 100";
    }

    static double[] time(NodeProcess node, String path, int runs) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + NodeProcess.adminPassword()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort + path)).header("Authorization", auth).build();
        double[] ms = new double[runs];
        for (int i = -runs; i < runs; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
            }
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return ms;
    }

    static double[] timeSql(String sql, int runs) throws Exception {
        double[] ms = new double[runs];
        try (Connection c = DriverManager.getConnection(URL, "postgres", ""); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = -runs; i < runs; i++) {
                long t0 = System.nanoTime();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        r.getString(1);
                    }
                }
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        return ms;
    }

    static void report(String what, double[] api, double[] sql, double goalMs) {
        Arrays.sort(api);
        Arrays.sort(sql);
        double median = api[api.length / 2], p95 = api[(int) Math.ceil(0.95 * api.length) - 1];
        System.out.printf(Locale.ROOT, "%s: REST median %.1f ms, p95 %.1f ms; the same SQL bare: median %.1f ms, p95 %.1f ms; REST / SQL %.1f; "
                + "goal %.0f ms: %s%n", what, median, p95, sql[sql.length / 2], sql[(int) Math.ceil(0.95 * sql.length) - 1],
                median / sql[sql.length / 2], goalMs, p95 <= goalMs ? "met (median and p95)" : median <= goalMs ? "met (median), not p95" : "NOT met");
    }
}
