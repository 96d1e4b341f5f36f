package org.vertreg.jobs;

import java.time.Duration;

/** How long a failed attempt waits before the next one. */
public interface RetryPolicy {

    /** The wait after attempt number {@code attempt} (1 for the first) failed. */
    Duration delayAfter(int attempt);

    /**
     * Doubling from {@code first}, capped at {@code max}: 1 s, 2 s, 4 s, ... No jitter: the node's workers are few, and a
     * delay that depends only on the attempt keeps the queue's tests exact.
     */
    record ExponentialBackoff(Duration first, Duration max) implements RetryPolicy {
        public ExponentialBackoff {
            if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
                throw new IllegalArgumentException("backoff needs 0 < first <= max, got " + first + " and " + max);
            }
        }

        @Override
        public Duration delayAfter(int attempt) {
            if (attempt < 1) {
                throw new IllegalArgumentException("attempts count from 1: " + attempt);
            }
            int doublings = Math.min(attempt - 1, 30);
            Duration d = first.multipliedBy(1L << doublings);
            return d.compareTo(max) > 0 ? max : d;
        }
    }
}
