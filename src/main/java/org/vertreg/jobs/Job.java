package org.vertreg.jobs;

import java.time.Instant;

/** A job as the queue holds it. Times are the node's clock; lease fields are null unless it is running. */
public record Job(long id, String kind, JobState state, int priority, int attempt, int maxAttempts, Instant runAt, String leaseOwner,
                  Instant leaseExpiresAt, boolean cancelRequested, String uniqueKey, String payload, String stateData, String progress,
                  String lastError, Instant createdAt, Instant updatedAt, Instant finishedAt) {
}
