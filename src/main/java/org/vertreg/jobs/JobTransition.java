package org.vertreg.jobs;

import java.time.Instant;

/** One change of a job's state: from (null when it was created), to, on which attempt, by which worker, why. */
public record JobTransition(long jobId, JobState from, JobState to, int attempt, String worker, String reason, Instant at) {
}
