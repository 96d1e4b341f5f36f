package org.vertreg.model;

import java.time.Duration;
import java.util.Optional;

/**
 * The wall time a run may take, checked before every step: a step is started only if it and the validation,
 * checkpoint and log writing that end the run still fit, each estimated from what it took so far, stretched by
 * {@link #SAFETY}. The first step of a run is always taken, there being nothing yet to estimate from.
 */
final class TimeBudget {
    /** Estimates are stretched by this much: a slow step must not push the run past its budget. */
    static final double SAFETY = 1.5;

    private final Optional<Duration> budget;
    private final long start;

    /** @param start the clock's nanoseconds when the run started */
    TimeBudget(Optional<Duration> budget, long start) {
        this.budget = budget;
        this.start = start;
    }

    /** Nanoseconds from the run's start to {@code now}. */
    long elapsed(long now) {
        return now - start;
    }

    /**
     * @param now            the clock now
     * @param stepNanos      mean nanoseconds per step so far, NaN before the first
     * @param finishingNanos estimated nanoseconds of what ends the run (validation, checkpoint, log)
     */
    boolean allowsStep(long now, double stepNanos, double finishingNanos) {
        if (budget.isEmpty() || Double.isNaN(stepNanos)) {
            return true;
        }
        return elapsed(now) + SAFETY * (stepNanos + finishingNanos) <= budget.get().toNanos();
    }
}
