package org.vertreg.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vertreg.testing.Await;
import org.vertreg.testing.DcmtkTool;
import org.vertreg.testing.MigratedDatabase;

/**
 * PostgreSQL restarted while two worker processes run the queue: every job still completes, exactly once. Restarts the
 * cluster that serves 127.0.0.1:5432 ({@code pg_ctlcluster}, as root): a black-box test, run after the unit tests.
 */
class QueueDatabaseRestartIT {
    static final int JOBS = 10_000;

    final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopWorkers() {
        processes.forEach(Process::destroyForcibly);
    }

    /** "15 main": the cluster on port 5432, from pg_lsclusters. */
    static String[] clusterOnPort5432() {
        DcmtkTool.Result r = DcmtkTool.run("pg_lsclusters", "--no-header");
        for (String line : r.output().lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[2].equals("5432")) {
                return new String[] {f[0], f[1]};
            }
        }
        throw new AssertionError("no PostgreSQL cluster on port 5432 in pg_lsclusters (bin/setup makes one):\n" + r.output());
    }

    static long countOrMinusOne(DataSource db, String sql) {
        try {
            return WorkerPoolTest.count(db, sql);
        } catch (RuntimeException down) {
            return -1; // the server is restarting
        }
    }

    Process worker(String name) throws Exception {
        Process p = NoopWorkerProcess.start("queue-restart", name, 3000);
        processes.add(p);
        return p;
    }

    @Test
    void aRestartedDatabaseLosesNoJobAndCompletesNoneTwice() throws Exception {
        String[] cluster = clusterOnPort5432();
        DataSource db = MigratedDatabase.fresh();
        JobQueue queue = new JobQueue(db, Clock.systemUTC());
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            for (int i = 0; i < JOBS; i++) {
                queue.enqueue(c, NewJob.of(NoopWorkerProcess.KIND, "{}"));
            }
            c.commit();
        }
        worker("first");
        worker("second");
        Await.until(() -> countOrMinusOne(db, "select count(*) from job where state = 'COMPLETED'"), n -> n >= JOBS / 5,
                Duration.ofMinutes(2), "the workers under way");

        DcmtkTool.Result restart = DcmtkTool.run("pg_ctlcluster", cluster[0], cluster[1], "restart");
        assertTrue(restart.succeeded(), restart.output());
        Await.until(() -> countOrMinusOne(db, "select 1"), n -> n == 1, Duration.ofMinutes(1), "PostgreSQL to answer again");
        assertTrue(countOrMinusOne(db, "select count(*) from job where state = 'COMPLETED'") < JOBS, "the restart came after the end");
        for (int i = 0; i < 100; i++) {
            queue.enqueue(NewJob.of(NoopWorkerProcess.KIND, "{}")); // and the queue takes new work after it
        }

        long all = JOBS + 100;
        Await.until(() -> countOrMinusOne(db, "select count(*) from job where state = 'COMPLETED'"), n -> n == all, Duration.ofMinutes(3),
                "every job completed after the restart");
        assertEquals(all, WorkerPoolTest.count(db, "select count(*) from job_transition where to_state = 'COMPLETED'"), "a job completed twice");
        assertEquals(0, WorkerPoolTest.count(db, "select count(*) from (select job_id from job_transition where to_state = 'COMPLETED' "
                + "group by job_id having count(*) > 1) twice"));
        processes.forEach(p -> assertTrue(p.isAlive(), "a worker process died with the database"));
    }
}
