package org.vertreg.jobs;

import java.time.Clock;

/** What a handler gets: its job as claimed, and a way to report progress and keep state across attempts. */
public final class JobContext {
    private final Job job;
    private final JobQueue queue;
    private final String worker;

    JobContext(Job job, JobQueue queue, String worker) {
        this.job = job;
        this.queue = queue;
        this.worker = worker;
    }

    public Job job() {
        return job;
    }

    /** The node's clock. */
    public Clock clock() {
        return queue.clock();
    }

    /** A short line for people watching the job ("epoch 2 of 5"). */
    public void progress(String line) {
        queue.progress(job.id(), worker, line);
    }

    /** Merges {@code json} into the job's state data now, so that a later attempt finds it even if this one dies. */
    public void keep(String json) {
        if (!queue.keep(job.id(), worker, json)) {
            throw new IllegalStateException("job " + job.id() + " is no longer held by " + worker);
        }
    }
}
