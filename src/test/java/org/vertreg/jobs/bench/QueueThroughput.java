package org.vertreg.jobs.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.vertreg.jobs.JobHandler;
import org.vertreg.jobs.JobNotifications;
import org.vertreg.jobs.JobQueue;
import org.vertreg.jobs.JobResult;
import org.vertreg.jobs.NewJob;
import org.vertreg.jobs.RetryPolicy;
import org.vertreg.jobs.WorkerPool;
import org.vertreg.testing.MigratedDatabase;

/**
 * Claim + complete throughput of the queue on the real PostgreSQL: {@code QueueThroughput [JOBS [THREADS]]} enqueues JOBS
 * no-op jobs in one transaction, then times worker threads running them all, beside the peer that bounds it: the same
 * number of bare single-row UPDATE round trips (two per job, as a claim and a completion are) on the same threads.
 */
public final class QueueThroughput {
    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        DataSource db = MigratedDatabase.fresh();
        JobQueue queue = new JobQueue(db, Clock.systemUTC());
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            for (int i = 0; i < jobs; i++) {
                queue.enqueue(c, NewJob.of("noop", "{}"));
            }
            c.commit();
        }
        long t0 = System.nanoTime();
        WorkerPool pool = new WorkerPool(queue, List.of(JobHandler.of("noop", ctx -> JobResult.completed())),
                new WorkerPool.Settings("bench", threads, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMillis(50),
                        new RetryPolicy.ExponentialBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1))), "bench");
        try (JobNotifications n = new JobNotifications(db, kind -> pool.wake()).start()) {
            pool.start();
            while (completed(db) < jobs) {
                Thread.sleep(20);
            }
        } finally {
            pool.close();
        }
        double queueSeconds = (System.nanoTime() - t0) / 1e9;

        long t1 = System.nanoTime();
        Thread[] peers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int from = t;
            peers[t] = new Thread(() -> {
                try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("update job set priority = priority where id = ?")) {
                    for (int i = from; i < 2 * jobs; i += threads) {
                        s.setLong(1, 1 + i % jobs);
                        s.executeUpdate();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            peers[t].start();
        }
        for (Thread p : peers) {
            p.join();
        }
        double peerSeconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf(Locale.ROOT, "%d no-op jobs, %d threads: queue %.0f jobs/s (%.2f s); bare UPDATE round trips, two per job: %.0f jobs/s "
                + "(%.2f s); queue / bare %.2f; goal 1000 jobs/s: %s%n", jobs, threads, jobs / queueSeconds, queueSeconds, jobs / peerSeconds,
                peerSeconds, peerSeconds / queueSeconds, jobs / queueSeconds >= 1000 ? "met" : "NOT met");
        System.exit(0);
    }

    private static long completed(DataSource db) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("select count(*) from job where state = 'COMPLETED'");
             var r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }
}
