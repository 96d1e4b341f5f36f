package org.vertreg.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Records completions in batches: one statement for all the jobs finished since the last one, so that a burst of short
 * jobs costs a few commits instead of one each. A worker thread hands its completion over and takes the next job at once.
 * A completion lost with the process (killed before its batch committed) leaves the job running until its lease lapses;
 * it then runs again, as any interrupted job does, and still completes once.
 */
final class BatchCompleter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BatchCompleter.class);
    private static final int MAX_BATCH = 1_000;

    private final JobQueue queue;
    private final LinkedBlockingQueue<JobQueue.Completion> pending = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    BatchCompleter(JobQueue queue, String name) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void complete(long id, String worker, String json) {
        pending.add(new JobQueue.Completion(id, worker, json));
    }

    private void loop() {
        while (running || !pending.isEmpty()) {
            List<JobQueue.Completion> batch = new ArrayList<>();
            try {
                JobQueue.Completion first = pending.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                running = false;
                continue;
            }
            pending.drainTo(batch, MAX_BATCH - 1);
            record(batch);
        }
    }

    private void record(List<JobQueue.Completion> batch) {
        try {
            Set<Long> done = queue.completeAll(batch);
            for (JobQueue.Completion c : batch) {
                if (!done.contains(c.id())) {
                    LOG.warnf("job %d finished after %s lost its lease: its result was not recorded", c.id(), c.worker());
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not record %d completion(s), their leases will lapse and the jobs run again: %s", batch.size(), e.getMessage());
        }
    }

    /** Records what is pending, then stops. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
