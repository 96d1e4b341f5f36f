package org.vertreg.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Threads that claim jobs of some kinds and run them, one job per thread at a time. Separate pools for separate kinds
 * (training apart from registration) keep a long job from delaying a short one. Each running job's lease is renewed by
 * heartbeats; a heartbeat that finds the lease lost or a cancellation requested interrupts the job's thread. Idle
 * threads sleep until {@link #wake()} (a notification) or the poll interval, whichever comes first; the pool also
 * rescues lapsed leases of any worker, so a killed process's jobs run again.
 */
public final class WorkerPool implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WorkerPool.class);

    /**
     * @param name         names the pool's threads and lease owners
     * @param threads      jobs run at once
     * @param lease        how long a claim holds without a heartbeat
     * @param heartbeat    how often a running job's lease is renewed (well under the lease)
     * @param pollInterval longest sleep of an idle thread
     */
    public record Settings(String name, int threads, Duration lease, Duration heartbeat, Duration pollInterval, RetryPolicy retry) {
        public Settings {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(retry, "retry");
            if (threads < 1) {
                throw new IllegalArgumentException("a pool needs a thread: " + threads);
            }
            if (heartbeat.compareTo(lease) >= 0 || heartbeat.isZero() || heartbeat.isNegative()) {
                throw new IllegalArgumentException("the heartbeat (" + heartbeat + ") must be positive and shorter than the lease (" + lease + ")");
            }
        }
    }

    private final JobQueue queue;
    private final Map<String, JobHandler> handlers;
    private final List<String> kinds;
    private final Settings settings;
    private final String workerId;
    private final ScheduledExecutorService timers;
    private final List<Thread> threads = new ArrayList<>();
    private final Object idle = new Object();
    private volatile boolean running;
    private long wakeups;

    /** @param workerId this process, unique among the queue's workers (host and pid) */
    public WorkerPool(JobQueue queue, List<JobHandler> handlers, Settings settings, String workerId) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(JobHandler::kind, Function.identity()));
        this.kinds = List.copyOf(this.handlers.keySet());
        this.settings = Objects.requireNonNull(settings, "settings");
        this.workerId = Objects.requireNonNull(workerId, "workerId");
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, settings.name() + "-heartbeat"));
    }

    public List<String> kinds() {
        return kinds;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < settings.threads(); i++) {
            String owner = workerId + "/" + settings.name() + "-" + (i + 1);
            Thread t = new Thread(() -> loop(owner), settings.name() + "-" + (i + 1));
            threads.add(t);
            t.start();
        }
        long rescueMs = Math.max(100, settings.lease().toMillis() / 2);
        timers.scheduleWithFixedDelay(this::rescue, 0, rescueMs, TimeUnit.MILLISECONDS);
    }

    /** A job of one of the pool's kinds may be ready: idle threads look now. */
    public void wake() {
        synchronized (idle) {
            wakeups++;
            idle.notifyAll();
        }
    }

    /** Stops claiming, interrupts running jobs (their leases lapse and they run again elsewhere), and waits for the threads. */
    @Override
    public void close() {
        synchronized (this) {
            if (!running) {
                timers.shutdownNow();
                return;
            }
            running = false;
        }
        wake();
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        timers.shutdownNow();
    }

    private void rescue() {
        try {
            int n = queue.rescueExpired(workerId + "/" + settings.name());
            if (n > 0) {
                LOG.warnf("rescued %d job(s) whose lease lapsed", n);
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not rescue lapsed leases: %s", e.getMessage());
        }
    }

    private void loop(String owner) {
        while (running) {
            long seen;
            synchronized (idle) {
                seen = wakeups;
            }
            List<Job> claimed;
            try {
                claimed = queue.claim(kinds, owner, 1, settings.lease());
            } catch (RuntimeException e) {
                LOG.warnf("%s could not claim: %s", owner, e.getMessage());
                claimed = List.of();
            }
            if (claimed.isEmpty()) {
                sleepUnlessWoken(seen);
                continue;
            }
            execute(claimed.get(0), owner);
            Thread.interrupted(); // an interrupt meant for the finished job must not end the next one
        }
    }

    private void sleepUnlessWoken(long seen) {
        synchronized (idle) {
            if (wakeups != seen || !running) {
                return;
            }
            try {
                idle.wait(settings.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Why a job's thread was interrupted by its heartbeat. */
    private enum Stop { CANCELLED, LEASE_LOST }

    private void execute(Job job, String owner) {
        Thread self = Thread.currentThread();
        AtomicReference<Stop> stop = new AtomicReference<>();
        ScheduledFuture<?> beat = timers.scheduleWithFixedDelay(() -> {
            try {
                JobQueue.Heartbeat h = queue.heartbeat(job.id(), owner, settings.lease());
                Stop s = !h.held() ? Stop.LEASE_LOST : h.cancelRequested() ? Stop.CANCELLED : null;
                if (s != null && stop.compareAndSet(null, s)) {
                    self.interrupt();
                }
            } catch (RuntimeException e) {
                LOG.warnf("heartbeat of job %d failed: %s", job.id(), e.getMessage());
            }
        }, settings.heartbeat().toMillis(), settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        JobHandler handler = handlers.get(job.kind());
        try {
            JobResult result = handler.run(new JobContext(job, queue, owner));
            beat.cancel(false);
            boolean held = result instanceof JobResult.Waiting w ? queue.snooze(job.id(), owner, w.until(), w.reason())
                    : queue.complete(job.id(), owner, ((JobResult.Completed) result).json());
            if (!held) {
                LOG.warnf("job %d (%s) finished after %s lost its lease: its result was not recorded", job.id(), job.kind(), owner);
            }
        } catch (Throwable e) {
            beat.cancel(false);
            Stop s = stop.get();
            if (s == Stop.CANCELLED) {
                queue.cancelled(job.id(), owner);
            } else if (s == Stop.LEASE_LOST) {
                LOG.warnf("job %d (%s) stopped: %s lost its lease", job.id(), job.kind(), owner);
            } else {
                boolean permanent = e instanceof PermanentJobFailure;
                String error = e instanceof PermanentJobFailure ? e.getMessage() : describe(e);
                LOG.warnf("job %d (%s) attempt %d of %d failed: %s", job.id(), job.kind(), job.attempt(), job.maxAttempts(), error);
                queue.fail(job, owner, error, permanent, settings.retry());
            }
            if (e instanceof Error && !(e instanceof AssertionError)) {
                throw (Error) e;
            }
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
