package org.vertreg.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Threads that run jobs of some kinds, one job per thread at a time. A fetcher claims as many ready jobs as there are
 * idle threads in one statement (never more, so no claimed job waits behind another) and hands one to each; when none
 * is ready it sleeps until {@link #wake()} (a notification) or the poll interval. Separate pools for separate kinds
 * (training apart from registration) keep a long job from delaying a short one. Each running job's lease is renewed by
 * heartbeats; a heartbeat that finds the lease lost or a cancellation requested interrupts the job's thread. The pool
 * also rescues lapsed leases of any worker, so a killed process's jobs run again.
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
    private final String owner;
    private final ScheduledExecutorService timers;
    private final ExecutorService executors;
    private final BatchCompleter completer;
    /** One permit per idle thread: the fetcher claims as many jobs as it holds permits, so no claimed job waits. */
    private final Semaphore idleThreads;
    private final Object wakeup = new Object();
    private Thread fetcher;
    private volatile boolean running;
    private long wakeups;

    /** @param workerId this process, unique among the queue's workers (host and pid) */
    public WorkerPool(JobQueue queue, List<JobHandler> handlers, Settings settings, String workerId) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(JobHandler::kind, Function.identity()));
        this.kinds = List.copyOf(this.handlers.keySet());
        this.settings = Objects.requireNonNull(settings, "settings");
        this.workerId = Objects.requireNonNull(workerId, "workerId");
        this.owner = workerId + "/" + settings.name();
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, settings.name() + "-heartbeat"));
        AtomicInteger n = new AtomicInteger();
        this.executors = Executors.newFixedThreadPool(settings.threads(), r -> new Thread(r, settings.name() + "-" + n.incrementAndGet()));
        this.idleThreads = new Semaphore(settings.threads());
        this.completer = new BatchCompleter(queue, settings.name() + "-completer");
    }

    public List<String> kinds() {
        return kinds;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        fetcher = new Thread(this::fetch, settings.name() + "-fetcher");
        fetcher.start();
        long rescueMs = Math.max(100, settings.lease().toMillis() / 2);
        timers.scheduleWithFixedDelay(this::rescue, 0, rescueMs, TimeUnit.MILLISECONDS);
    }

    /** A job of one of the pool's kinds may be ready: the fetcher looks now. */
    public void wake() {
        synchronized (wakeup) {
            wakeups++;
            wakeup.notifyAll();
        }
    }

    /** Stops claiming, interrupts running jobs (their leases lapse and they run again elsewhere), and waits for the threads. */
    @Override
    public void close() {
        synchronized (this) {
            if (!running) {
                executors.shutdownNow();
                timers.shutdownNow();
                completer.close();
                return;
            }
            running = false;
        }
        wake();
        fetcher.interrupt();
        executors.shutdownNow();
        try {
            fetcher.join(TimeUnit.SECONDS.toMillis(30));
            executors.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        completer.close();
        timers.shutdownNow();
    }

    private void rescue() {
        try {
            int n = queue.rescueExpired(owner);
            if (n > 0) {
                LOG.warnf("rescued %d job(s) whose lease lapsed", n);
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not rescue lapsed leases: %s", e.getMessage());
        }
    }

    /** Claims as many jobs as there are idle threads, hands each to one, and sleeps when none is ready. */
    private void fetch() {
        while (running) {
            try {
                idleThreads.acquire();
            } catch (InterruptedException e) {
                return;
            }
            int permits = 1 + drainIdle();
            long seen;
            synchronized (wakeup) {
                seen = wakeups;
            }
            List<Job> claimed;
            try {
                claimed = running ? queue.claim(kinds, owner, permits, settings.lease()) : List.of();
            } catch (RuntimeException e) {
                LOG.warnf("%s could not claim: %s", owner, e.getMessage());
                claimed = List.of();
            }
            idleThreads.release(permits - claimed.size());
            for (Job job : claimed) {
                executors.execute(() -> {
                    try {
                        execute(job);
                    } finally {
                        idleThreads.release();
                    }
                });
            }
            if (claimed.size() < permits) {
                sleepUnlessWoken(seen);
            }
        }
    }

    private int drainIdle() {
        int more = 0;
        while (idleThreads.tryAcquire()) {
            more++;
        }
        return more;
    }

    private void sleepUnlessWoken(long seen) {
        synchronized (wakeup) {
            if (wakeups != seen || !running) {
                return;
            }
            try {
                wakeup.wait(settings.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Why a job's thread was interrupted by its heartbeat. */
    private enum Stop { CANCELLED, LEASE_LOST, FINISHED }

    private void execute(Job job) {
        Thread self = Thread.currentThread();
        AtomicReference<Stop> stop = new AtomicReference<>();
        ScheduledFuture<?> beat = timers.scheduleWithFixedDelay(() -> {
            try {
                JobQueue.Heartbeat h = queue.heartbeat(job.id(), owner, settings.lease());
                Stop s = !h.held() ? Stop.LEASE_LOST : h.cancelRequested() ? Stop.CANCELLED : null;
                synchronized (stop) { // never interrupts once the job has finished: the thread may be on the next one
                    if (s != null && stop.compareAndSet(null, s)) {
                        self.interrupt();
                    }
                }
            } catch (RuntimeException e) {
                LOG.warnf("heartbeat of job %d failed: %s", job.id(), e.getMessage());
            }
        }, settings.heartbeat().toMillis(), settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        JobResult result = null;
        Throwable error = null;
        try {
            result = handlers.get(job.kind()).run(new JobContext(job, queue, owner));
        } catch (Throwable e) {
            error = e;
        }
        beat.cancel(false);
        Stop stopped;
        synchronized (stop) {
            stop.compareAndSet(null, Stop.FINISHED);
            stopped = stop.get();
        }
        Thread.interrupted();
        if (error == null) {
            if (result instanceof JobResult.Waiting w) {
                if (!queue.snooze(job.id(), owner, w.until(), w.reason())) {
                    LOG.warnf("job %d (%s) waits, but %s lost its lease meanwhile", job.id(), job.kind(), owner);
                }
            } else {
                completer.complete(job.id(), owner, ((JobResult.Completed) result).json());
            }
        } else if (stopped == Stop.CANCELLED) {
            queue.cancelled(job.id(), owner);
        } else if (stopped == Stop.LEASE_LOST) {
            LOG.warnf("job %d (%s) stopped: %s lost its lease", job.id(), job.kind(), owner);
        } else if (!running) {
            // the node is stopping: back to the queue at once, the attempt not charged
            queue.snooze(job.id(), owner, queue.clock().instant(), "interrupted when " + owner + " stopped");
        } else {
            boolean permanent = error instanceof PermanentJobFailure;
            String reason = permanent ? error.getMessage() : describe(error);
            LOG.warnf("job %d (%s) attempt %d of %d failed: %s", job.id(), job.kind(), job.attempt(), job.maxAttempts(), reason);
            queue.fail(job, owner, reason, permanent, settings.retry());
            if (error instanceof Error && !(error instanceof AssertionError)) {
                throw (Error) error;
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
