package org.vertreg.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.vertreg.testing.MigratedDatabase;

/**
 * A worker process of the queue's tests: {@code NoopWorkerProcess NAME THREADS LEASE_MS}. Runs jobs of kind
 * {@value #KIND} (nothing to do) and {@value #SLOW} (sleeps {@code sleepMs} of its payload on its first attempt, so a test
 * can kill a process in the middle of one), until it is killed.
 */
public final class NoopWorkerProcess {
    static final String KIND = "noop";
    static final String SLOW = "slow-noop";

    public static void main(String[] args) throws Exception {
        String name = args[0];
        int threads = Integer.parseInt(args[1]);
        Duration lease = Duration.ofMillis(Long.parseLong(args[2]));
        JobQueue queue = new JobQueue(MigratedDatabase.dataSource(), Clock.systemUTC());
        WorkerPool pool = new WorkerPool(queue, handlers(), new WorkerPool.Settings("noop", threads, lease, lease.dividedBy(4),
                Duration.ofMillis(200), new RetryPolicy.ExponentialBackoff(Duration.ofMillis(10), Duration.ofSeconds(1))), name);
        try (JobNotifications n = new JobNotifications(MigratedDatabase.dataSource(), kind -> pool.wake()).start()) {
            pool.start();
            System.out.println("started " + name);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Starts this class as a worker process with 3 threads and leases of {@code leaseMs}, its output in target/FOLDER/NAME.log. */
    static Process start(String folder, String name, long leaseMs) throws java.io.IOException {
        java.nio.file.Path log = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", folder)).resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), NoopWorkerProcess.class.getName(), name, "3", Long.toString(leaseMs));
        pb.environment().put("OPT_OUT_TRACKING", "true");
        return pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static List<JobHandler> handlers() {
        return List.of(JobHandler.of(KIND, c -> JobResult.completed()), JobHandler.of(SLOW, c -> {
            if (c.job().attempt() == 1) {
                long ms = Long.parseLong(c.job().payload().replaceAll("\\D", ""));
                Thread.sleep(ms);
            }
            return JobResult.completed();
        }));
    }
}
