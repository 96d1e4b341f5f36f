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
import org.vertreg.testing.MigratedDatabase;

/**
 * Two worker processes share the queue; one is killed with SIGKILL in the middle of a job. Every job completes exactly
 * once: the killed process's claims lapse, are rescued, and the other process finishes them.
 */
class QueueProcessesTest {
    static final int JOBS = 10_000;
    static final long LEASE_MS = 3_000;

    final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() {
        processes.forEach(Process::destroyForcibly);
    }

    Process worker(String name) throws Exception {
        Process p = NoopWorkerProcess.start("queue-processes", name, LEASE_MS);
        processes.add(p);
        return p;
    }

    @Test
    void everyJobCompletesExactlyOnceWhenAWorkerProcessIsKilledMidJob() throws Exception {
        DataSource db = MigratedDatabase.fresh();
        JobQueue queue = new JobQueue(db, Clock.systemUTC());
        long slow;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            // held by the first process until it dies: its first attempt sleeps ten minutes
            slow = queue.enqueue(c, NewJob.of(NoopWorkerProcess.SLOW, "{\"sleepMs\": 600000}").withPriority(10));
            for (int i = 0; i < JOBS; i++) {
                queue.enqueue(c, NewJob.of(NoopWorkerProcess.KIND, "{}"));
            }
            c.commit();
        }
        Process first = worker("first");
        Await.until(() -> queue.find(slow).orElseThrow(), j -> j.state() == JobState.RUNNING, Duration.ofMinutes(1),
                "the first process to hold the slow job");
        assertTrue(queue.find(slow).orElseThrow().leaseOwner().startsWith("first/"));
        worker("second");
        Await.until(() -> WorkerPoolTest.count(db, "select count(*) from job where state = 'COMPLETED'"), n -> n >= JOBS / 5,
                Duration.ofMinutes(2), "both processes under way");

        first.destroyForcibly(); // SIGKILL: no shutdown hook, no chance to release a lease
        assertTrue(first.waitFor() != 0);

        long all = JOBS + 1;
        Await.until(() -> WorkerPoolTest.count(db, "select count(*) from job where state = 'COMPLETED'"), n -> n == all,
                Duration.ofMinutes(3), "every job completed");
        assertEquals(all, WorkerPoolTest.count(db, "select count(*) from job_transition where to_state = 'COMPLETED'"),
                "a job completed twice");
        assertEquals(0, WorkerPoolTest.count(db, "select count(*) from job where state <> 'COMPLETED'"));
        List<JobTransition> path = queue.transitions(slow);
        assertEquals(List.of(JobState.AVAILABLE, JobState.RUNNING, JobState.RETRYABLE, JobState.RUNNING, JobState.COMPLETED),
                path.stream().map(JobTransition::to).toList());
        assertTrue(path.get(1).worker().startsWith("first/"), path.toString());
        assertTrue(path.get(4).worker().startsWith("second/"), path.toString());
        assertTrue(queue.find(slow).orElseThrow().lastError().contains("first/"));
    }
}
