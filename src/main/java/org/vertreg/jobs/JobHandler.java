package org.vertreg.jobs;

import java.util.Objects;

/**
 * Runs the jobs of one kind. Runs at least once per job, and again after a failed attempt or a lapsed lease, so it must
 * be idempotent: what it chose on an earlier attempt (output UIDs) it finds in the job's state data.
 *
 * <p>An exception fails the attempt (retried with backoff while attempts remain); a {@link PermanentJobFailure} fails the
 * job at once (bad input retrying cannot mend). An interrupt means the job was cancelled or its lease lost: stop.
 */
public interface JobHandler {

    /** The kind of job this handler runs. */
    String kind();

    JobResult run(JobContext context) throws Exception;

    /** The work each job of this kind does. */
    @FunctionalInterface
    interface Work {
        JobResult run(JobContext context) throws Exception;
    }

    /** A handler of {@code kind} doing {@code work}. */
    static JobHandler of(String kind, Work work) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(work, "work");
        return new JobHandler() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public JobResult run(JobContext context) throws Exception {
                return work.run(context);
            }
        };
    }
}
