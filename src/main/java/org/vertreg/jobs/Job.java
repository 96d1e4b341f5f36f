package org.vertreg.jobs;

import java.time.Instant;

/** A job as the queue holds it. Times are the node's clock; lease fields are null unless it is running. */
public record Job(long id, String kind, JobState state, int priority, int attempt, int maxAttempts, Instant runAt, String leaseOwner,
                  Instant leaseExpiresAt, boolean cancelRequested, String uniqueKey, String payload, String stateData, String progress,
                  String lastError, Instant createdAt, Instant updatedAt, Instant finishedAt) {
    /** The same job shown in {@code s}: a past state, as a transition left it. */
    public Job withState(JobState s) {
        return new Job(id, kind, s, priority, attempt, maxAttempts, runAt, leaseOwner, leaseExpiresAt, cancelRequested, uniqueKey, payload,
                stateData, progress, lastError, createdAt, updatedAt, finishedAt);
    }
}
