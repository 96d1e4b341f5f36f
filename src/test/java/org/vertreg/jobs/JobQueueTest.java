package org.vertreg.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vertreg.testing.MigratedDatabase;
import org.vertreg.testing.SettableClock;

/** The queue's statements against the real PostgreSQL, on a clock the test moves. */
class JobQueueTest {
    static final Duration LEASE = Duration.ofSeconds(30);
    static final RetryPolicy BACKOFF = new RetryPolicy.ExponentialBackoff(Duration.ofSeconds(10), Duration.ofMinutes(5));
    static final List<String> KINDS = List.of("noop");

    DataSource db;
    SettableClock clock;
    JobQueue queue;

    @BeforeEach
    void freshQueue() {
        db = MigratedDatabase.fresh();
        clock = new SettableClock(Instant.parse("2026-12-06T10:00:00Z"));
        queue = new JobQueue(db, clock);
    }

    Job only(List<Job> claimed) {
        assertEquals(1, claimed.size(), "claimed " + claimed);
        return claimed.get(0);
    }

    @Test
    void aJobRunsOnceAndEveryTransitionIsRecorded() {
        long id = queue.enqueue(NewJob.of("noop", "{\"n\": 1}"));
        Job claimed = only(queue.claim(KINDS, "w1", 5, LEASE));
        assertEquals(id, claimed.id());
        assertEquals(JobState.RUNNING, claimed.state());
        assertEquals(1, claimed.attempt());
        assertEquals("w1", claimed.leaseOwner());
        assertEquals(clock.instant().plus(LEASE), claimed.leaseExpiresAt());
        assertEquals(List.of(), queue.claim(KINDS, "w2", 5, LEASE), "a running job is not claimed twice");

        assertTrue(queue.complete(id, "w1", "{\"answer\": 42}"));
        Job done = queue.find(id).orElseThrow();
        assertEquals(JobState.COMPLETED, done.state());
        assertTrue(done.stateData().contains("42"), done.stateData());
        assertNull(done.leaseOwner());
        assertEquals(clock.instant(), done.finishedAt());
        assertFalse(queue.complete(id, "w1", "{}"), "a completed job cannot complete again");

        List<JobTransition> t = queue.transitions(id);
        assertEquals(List.of("null>AVAILABLE", "AVAILABLE>RUNNING", "RUNNING>COMPLETED"),
                t.stream().map(x -> x.from() + ">" + x.to()).toList());
        assertEquals("w1", t.get(2).worker());
    }

    @Test
    void claimsTheMostUrgentReadyJobsOfItsKindsOnly() {
        long low = queue.enqueue(NewJob.of("noop", "{}"));
        long high = queue.enqueue(NewJob.of("noop", "{}").withPriority(5));
        queue.enqueue(NewJob.of("other", "{}").withPriority(9));
        long later = queue.enqueue(NewJob.of("noop", "{}").withPriority(9).withRunAt(clock.instant().plusSeconds(60)));
        List<Job> claimed = queue.claim(KINDS, "w1", 10, LEASE);
        assertEquals(List.of(high, low), claimed.stream().map(Job::id).toList());
        clock.advance(Duration.ofSeconds(60));
        assertEquals(later, only(queue.claim(KINDS, "w1", 10, LEASE)).id());
    }

    @Test
    void aUniqueKeyKeepsOneJob() {
        long first = queue.enqueue(NewJob.of("noop", "{}").withUniqueKey("1.2.3"));
        assertEquals(first, queue.enqueue(NewJob.of("noop", "{}").withUniqueKey("1.2.3")));
        assertNotEquals(first, queue.enqueue(NewJob.of("other", "{}").withUniqueKey("1.2.3")), "the key is per kind");
        Job j = only(queue.claim(KINDS, "w1", 1, LEASE));
        queue.fail(j, "w1", "broken", true, BACKOFF);
        assertNotEquals(first, queue.enqueue(NewJob.of("noop", "{}").withUniqueKey("1.2.3")), "a failed job's key is free again");
    }

    @Test
    void aFailedAttemptWaitsItsBackoffAndTheLastOneFails() {
        long id = queue.enqueue(NewJob.of("noop", "{}").withMaxAttempts(3));
        for (int attempt = 1; attempt <= 3; attempt++) {
            Job j = only(queue.claim(KINDS, "w1", 1, LEASE));
            assertEquals(attempt, j.attempt());
            assertTrue(queue.fail(j, "w1", "disk on fire " + attempt, false, BACKOFF));
            Job after = queue.find(id).orElseThrow();
            if (attempt < 3) {
                assertEquals(JobState.RETRYABLE, after.state());
                Duration wait = BACKOFF.delayAfter(attempt);
                assertEquals(clock.instant().plus(wait), after.runAt());
                clock.advance(wait.minusMillis(1));
                assertEquals(List.of(), queue.claim(KINDS, "w1", 1, LEASE), "not before its backoff");
                clock.advance(Duration.ofMillis(1));
            } else {
                assertEquals(JobState.FAILED, after.state());
                assertEquals("disk on fire 3", after.lastError());
                assertEquals(clock.instant(), after.finishedAt());
            }
        }
        assertEquals(List.of(), queue.claim(KINDS, "w1", 1, LEASE));
        assertEquals(Duration.ofSeconds(10), BACKOFF.delayAfter(1));
        assertEquals(Duration.ofSeconds(20), BACKOFF.delayAfter(2));
        assertEquals(Duration.ofMinutes(5), BACKOFF.delayAfter(20));
    }

    @Test
    void aPermanentFailureEndsAtOnce() {
        long id = queue.enqueue(NewJob.of("noop", "{}").withMaxAttempts(5));
        queue.fail(only(queue.claim(KINDS, "w1", 1, LEASE)), "w1", "unknown patient", true, BACKOFF);
        assertEquals(JobState.FAILED, queue.find(id).orElseThrow().state());
    }

    @Test
    void aCancelledReadyJobNeverRuns() {
        long id = queue.enqueue(NewJob.of("noop", "{}"));
        assertEquals(JobState.CANCELLED, queue.cancel(id, "alice").orElseThrow().state());
        assertEquals(List.of(), queue.claim(KINDS, "w1", 1, LEASE));
        assertEquals("alice", queue.transitions(id).get(1).worker());
        assertTrue(queue.cancel(12345, "alice").isEmpty());
    }

    @Test
    void aRunningJobIsAskedToStopAtItsHeartbeat() {
        long id = queue.enqueue(NewJob.of("noop", "{}"));
        only(queue.claim(KINDS, "w1", 1, LEASE));
        assertEquals(new JobQueue.Heartbeat(true, false), queue.heartbeat(id, "w1", LEASE));
        Job asked = queue.cancel(id, "alice").orElseThrow();
        assertEquals(JobState.RUNNING, asked.state());
        assertTrue(asked.cancelRequested());
        assertEquals(new JobQueue.Heartbeat(true, true), queue.heartbeat(id, "w1", LEASE));
        assertTrue(queue.cancelled(id, "w1"));
        assertEquals(JobState.CANCELLED, queue.find(id).orElseThrow().state());
    }

    @Test
    void aLapsedLeaseIsRescuedAndItsFormerHolderCanNoLongerFinish() {
        long id = queue.enqueue(NewJob.of("noop", "{}").withMaxAttempts(2));
        only(queue.claim(KINDS, "dead", 1, LEASE));
        clock.advance(LEASE);
        assertEquals(0, queue.rescueExpired("rescuer"), "a lease lapses after its expiry, not at it");
        clock.advance(Duration.ofMillis(1));
        assertEquals(1, queue.rescueExpired("rescuer"));
        Job rescued = queue.find(id).orElseThrow();
        assertEquals(JobState.RETRYABLE, rescued.state());
        assertTrue(rescued.lastError().contains("dead"), rescued.lastError());

        Job again = only(queue.claim(KINDS, "alive", 1, LEASE));
        assertEquals(2, again.attempt());
        assertFalse(queue.complete(id, "dead", "{}"), "the dead worker's late result is refused");
        assertFalse(queue.heartbeat(id, "dead", LEASE).held());
        assertTrue(queue.complete(id, "alive", "{}"));

        long last = queue.enqueue(NewJob.of("noop", "{}").withMaxAttempts(1));
        only(queue.claim(KINDS, "dead", 1, LEASE));
        clock.advance(LEASE.plusSeconds(1));
        queue.rescueExpired("rescuer");
        assertEquals(JobState.FAILED, queue.find(last).orElseThrow().state(), "a lapse on the last attempt fails the job");
    }

    @Test
    void aWaitingJobIsNotChargedAnAttempt() {
        long id = queue.enqueue(NewJob.of("noop", "{}").withMaxAttempts(1));
        only(queue.claim(KINDS, "w1", 1, LEASE));
        assertTrue(queue.snooze(id, "w1", clock.instant().plusSeconds(30), "waiting for a model of L3"));
        Job waiting = queue.find(id).orElseThrow();
        assertEquals(JobState.AVAILABLE, waiting.state());
        assertEquals(0, waiting.attempt());
        assertEquals("waiting for a model of L3", waiting.progress());
        assertEquals(List.of(), queue.claim(KINDS, "w1", 1, LEASE));
        assertEquals(1, queue.wakeWaiting("noop"), "what it waited for has come");
        assertEquals(0, queue.wakeWaiting("noop"));
        assertEquals(1, only(queue.claim(KINDS, "w1", 1, LEASE)).attempt());
    }

    @Test
    void keptStateSurvivesAnAttemptAndAFinishedJobCanBeQueuedAgain() {
        long id = queue.enqueue(NewJob.of("noop", "{}"));
        Job first = only(queue.claim(KINDS, "w1", 1, LEASE));
        assertTrue(queue.keep(id, "w1", "{\"outputUid\": \"2.25.1\"}"));
        queue.fail(first, "w1", "C-STORE refused", false, BACKOFF);
        clock.advance(BACKOFF.delayAfter(1));
        Job second = only(queue.claim(KINDS, "w1", 1, LEASE));
        assertTrue(second.stateData().contains("2.25.1"), second.stateData());
        queue.fail(second, "w1", "C-STORE refused", true, BACKOFF);

        assertTrue(queue.retry(id, "admin"));
        assertFalse(queue.retry(id, "admin"), "only a finished job is queued again");
        Job third = only(queue.claim(KINDS, "w1", 1, LEASE));
        assertEquals(1, third.attempt());
        assertTrue(third.stateData().contains("2.25.1"));
    }

    @Test
    void aBatchOfCompletionsRecordsOnlyThoseWhoseWorkerStillHoldsTheJob() {
        long a = queue.enqueue(NewJob.of("noop", "{}")), b = queue.enqueue(NewJob.of("noop", "{}"));
        queue.claim(KINDS, "w1", 2, LEASE);
        assertEquals(Set.of(a), queue.completeAll(List.of(new JobQueue.Completion(a, "w1", "{\"x\": 1}"),
                new JobQueue.Completion(b, "impostor", "{}"))));
        assertEquals(JobState.COMPLETED, queue.find(a).orElseThrow().state());
        assertEquals(JobState.RUNNING, queue.find(b).orElseThrow().state());
        assertEquals("w1", queue.transitions(a).get(2).worker());
    }

    @Test
    void theStatesOfTheEnumAreTheStatesOfTheCheckConstraint() throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select pg_get_constraintdef(oid) from pg_constraint where conname = 'job_state'")) {
            assertTrue(r.next());
            Matcher m = Pattern.compile("'([A-Z]+)'").matcher(r.getString(1));
            Set<String> inSql = new TreeSet<>();
            while (m.find()) {
                inSql.add(m.group(1));
            }
            assertEquals(Arrays.stream(JobState.values()).map(Enum::name).collect(Collectors.toCollection(TreeSet::new)), inSql);
        }
    }
}
