package org.vertreg.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.vertreg.testing.Await;
import org.vertreg.testing.MigratedDatabase;

/**
 * The live worklist's change numbers are visible in the order they were drawn: a job change whose transaction commits
 * late is still shown to a reader that read the changes while it was open (before V10 a later transition could commit
 * first, the reader moved past it, and the late one was never shown).
 */
class JobChangeOrderTest {

    @Test
    void aChangeThatCommitsLateIsNotPassedOver() throws Exception {
        DataSource db = MigratedDatabase.fresh();
        JobQueue queue = new JobQueue(db, Clock.systemUTC());
        JobListing listing = new JobListing(db);
        long start = listing.lastChange();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (Connection early = db.getConnection()) {
            early.setAutoCommit(false);
            long first = queue.enqueue(early, NewJob.of("order-test", "{\"n\": 1}")); // its transition inserted, not committed
            int earlyPid = pid(early);
            Future<Long> second = other.submit(() -> queue.enqueue(NewJob.of("order-test", "{\"n\": 2}")));
            // the second either waits for the first to commit or (were numbers not ordered) has committed already
            Await.until(() -> second.isDone() || blockedBy(db, earlyPid), done -> done, Duration.ofSeconds(30),
                    "the second enqueue to finish or to wait for the first");

            // a live reader looks now, while the first is still open
            List<JobListing.Change> shown = new ArrayList<>(listing.changesAfter(start, 100));
            long cursor = shown.isEmpty() ? start : shown.get(shown.size() - 1).changeNo();
            early.commit();
            long secondId = second.get();
            shown.addAll(listing.changesAfter(cursor, 100));

            List<Long> jobs = shown.stream().map(c -> c.job().id()).toList();
            assertEquals(List.of(first, secondId), jobs, "both changes shown, in the order they committed");
            assertTrue(shown.get(0).changeNo() < shown.get(1).changeNo());
        } finally {
            other.shutdownNow();
        }
    }

    static int pid(Connection c) throws SQLException {
        try (var s = c.createStatement(); ResultSet r = s.executeQuery("select pg_backend_pid()")) {
            r.next();
            return r.getInt(1);
        }
    }

    static boolean blockedBy(DataSource db, int pid) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from pg_stat_activity where ? = any(pg_blocking_pids(pid))")) {
            s.setInt(1, pid);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
