package org.vertreg.jobs;

import java.time.Instant;
import java.util.Objects;

/**
 * A job to enqueue.
 *
 * @param kind        which handler runs it (see {@link JobKinds})
 * @param payload     its input, a JSON object
 * @param priority    higher runs first among ready jobs of a pool
 * @param maxAttempts attempts before it ends failed
 * @param runAt       not before this time; null for now
 * @param uniqueKey   at most one job of this kind and key that is not failed or cancelled; null for none
 */
public record NewJob(String kind, String payload, int priority, int maxAttempts, Instant runAt, String uniqueKey) {
    public NewJob {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payload, "payload");
        if (kind.isBlank() || kind.length() > 32) {
            throw new IllegalArgumentException("a job kind is 1-32 characters: '" + kind + "'");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("a job needs at least one attempt: " + maxAttempts);
        }
        if (uniqueKey != null && (uniqueKey.isBlank() || uniqueKey.length() > 200)) {
            throw new IllegalArgumentException("a unique key is 1-200 characters");
        }
    }

    public static NewJob of(String kind, String payload) {
        return new NewJob(kind, payload, 0, 3, null, null);
    }

    public NewJob withPriority(int p) {
        return new NewJob(kind, payload, p, maxAttempts, runAt, uniqueKey);
    }

    public NewJob withMaxAttempts(int n) {
        return new NewJob(kind, payload, priority, n, runAt, uniqueKey);
    }

    public NewJob withRunAt(Instant t) {
        return new NewJob(kind, payload, priority, maxAttempts, t, uniqueKey);
    }

    public NewJob withUniqueKey(String key) {
        return new NewJob(kind, payload, priority, maxAttempts, runAt, key);
    }
}
