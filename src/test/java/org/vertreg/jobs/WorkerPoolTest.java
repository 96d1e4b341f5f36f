package org.vertreg.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vertreg.testing.Await;
import org.vertreg.testing.MigratedDatabase;

/** Worker threads of one process against the real PostgreSQL (the two-process case is {@link QueueProcessesTest}). */
class WorkerPoolTest {
    static final RetryPolicy FAST_BACKOFF = new RetryPolicy.ExponentialBackoff(Duration.ofMillis(20), Duration.ofMillis(100));

    DataSource db;
    JobQueue queue;

    @BeforeEach
    void fresh() {
        db = MigratedDatabase.fresh();
        queue = new JobQueue(db, Clock.systemUTC());
    }

    WorkerPool pool(String name, int threads, List<JobHandler> handlers) {
        return new WorkerPool(queue, handlers, new WorkerPool.Settings(name, threads, Duration.ofSeconds(10), Duration.ofMillis(500),
                Duration.ofMillis(100), FAST_BACKOFF), "test");
    }

    static long count(DataSource db, String sql) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Test
    void severalThreadsRunEveryJobExactlyOnce() throws Exception {
        int jobs = 2000;
        Map<Long, AtomicInteger> runs = new ConcurrentHashMap<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            ids.add(queue.enqueue(NewJob.of("noop", "{}")));
        }
        try (WorkerPool p = pool("count", 4, List.of(JobHandler.of("noop", c -> {
            runs.computeIfAbsent(c.job().id(), k -> new AtomicInteger()).incrementAndGet();
            return JobResult.completed();
        })))) {
            p.start();
            Await.until(() -> runs.size(), n -> n == jobs, Duration.ofMinutes(2), "every job run");
            Await.until(() -> count(db, "select count(*) from job where state = 'COMPLETED'"), n -> n == jobs, Duration.ofSeconds(30),
                    "every job completed");
        }
        assertTrue(runs.values().stream().allMatch(n -> n.get() == 1), "a job ran twice");
        assertEquals(ids.size(), runs.size());
        assertEquals(jobs, count(db, "select count(*) from job_transition where to_state = 'COMPLETED'"));
    }

    @Test
    void aFailingJobRetriesWithBackoffAndEndsFailedWithItsError() throws Exception {
        long id = queue.enqueue(NewJob.of("broken", "{}").withMaxAttempts(3));
        AtomicInteger attempts = new AtomicInteger();
        try (WorkerPool p = pool("fail", 1, List.of(JobHandler.of("broken", c -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("the destination refused attempt " + c.job().attempt());
        })))) {
            p.start();
            Await.until(() -> queue.find(id).orElseThrow().state(), s -> s == JobState.FAILED, Duration.ofSeconds(30), "the job to fail");
        }
        Job failed = queue.find(id).orElseThrow();
        assertEquals(3, attempts.get());
        assertEquals("IllegalStateException: the destination refused attempt 3", failed.lastError());
        List<JobState> path = queue.transitions(id).stream().map(JobTransition::to).toList();
        assertEquals(List.of(JobState.AVAILABLE, JobState.RUNNING, JobState.RETRYABLE, JobState.RUNNING, JobState.RETRYABLE, JobState.RUNNING,
                JobState.FAILED), path);
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        long id = queue.enqueue(NewJob.of("bad-input", "{}").withMaxAttempts(5));
        try (WorkerPool p = pool("permanent", 1, List.of(JobHandler.of("bad-input", c -> {
            throw new PermanentJobFailure("no patient with ID 42 has a prepared CT");
        })))) {
            p.start();
            Await.until(() -> queue.find(id).orElseThrow().state(), s -> s == JobState.FAILED, Duration.ofSeconds(30), "the job to fail");
        }
        Job failed = queue.find(id).orElseThrow();
        assertEquals(1, failed.attempt());
        assertEquals("no patient with ID 42 has a prepared CT", failed.lastError());
    }

    @Test
    void aRunningJobCancelledStopsAndACancelledReadyJobNeverRuns() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger ranLater = new AtomicInteger();
        long running = queue.enqueue(NewJob.of("long", "{}").withPriority(1));
        long never = queue.enqueue(NewJob.of("long", "{}"));
        assertEquals(JobState.CANCELLED, queue.cancel(never, "alice").orElseThrow().state());
        try (WorkerPool p = pool("cancel", 1, List.of(JobHandler.of("long", c -> {
            if (c.job().id() != running) {
                ranLater.incrementAndGet();
            }
            started.countDown();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
            return JobResult.completed();
        })))) {
            p.start();
            assertTrue(started.await(30, TimeUnit.SECONDS));
            queue.cancel(running, "alice");
            Await.until(() -> queue.find(running).orElseThrow().state(), s -> s == JobState.CANCELLED, Duration.ofSeconds(30),
                    "the running job to stop");
        }
        assertEquals(0, ranLater.get());
        assertEquals(JobState.CANCELLED, queue.find(never).orElseThrow().state());
    }

    @Test
    void aWaitingJobRunsAgainWhenItsTimeComes() {
        AtomicInteger runs = new AtomicInteger();
        long id = queue.enqueue(NewJob.of("patient", "{}").withMaxAttempts(1));
        try (WorkerPool p = pool("wait", 1, List.of(JobHandler.of("patient", c -> runs.incrementAndGet() < 3
                ? new JobResult.Waiting(c.clock().instant().plusMillis(50), "waiting for a model")
                : JobResult.completed())))) {
            p.start();
            Await.until(() -> queue.find(id).orElseThrow().state(), s -> s == JobState.COMPLETED, Duration.ofSeconds(30), "the job to complete");
        }
        assertEquals(3, runs.get());
        assertEquals(1, queue.find(id).orElseThrow().attempt(), "waiting charged no attempt");
    }
}
