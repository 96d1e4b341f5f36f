package org.vertreg.training;

import java.time.Duration;
import java.util.Optional;

/**
 * The wall time a run may take, checked before every step: a step is started only if it and the validation,
 * checkpoint and log writing that end the run still fit, each estimated from what it took so far, stretched by
 * {@link #SAFETY}. The first step of an invocation is taken while any budget is left, there being nothing yet to
 * estimate from.
 *
 * <p>The budget covers the whole training, not one invocation: a run resumed after a kill has what its checkpoint had
 * not yet spent, as an operator who gave a job two hours expects.
 */
final class TimeBudget {
    /** Estimates are stretched by this much: a slow step must not push the run past its budget. */
    static final double SAFETY = 1.5;

    private final Optional<Duration> budget;
    private final long start;
    private final long spentBefore;

    /**
     * @param start       the clock's nanoseconds when this invocation started
     * @param spentBefore nanoseconds of training before it (from the checkpoint it resumes), 0 for a new run
     */
    TimeBudget(Optional<Duration> budget, long start, long spentBefore) {
        this.budget = budget;
        this.start = start;
        this.spentBefore = spentBefore;
    }

    /** Nanoseconds from this invocation's start to {@code now}. */
    long elapsed(long now) {
        return now - start;
    }

    /** Nanoseconds of training up to {@code now}, earlier invocations included. */
    long spent(long now) {
        return spentBefore + elapsed(now);
    }

    /** The fraction of the budget spent by {@code now} (may exceed 1), 0 without a budget. */
    double fractionSpent(long now) {
        return budget.map(b -> (double) spent(now) / b.toNanos()).orElse(0.0);
    }

    /**
     * @param now            the clock now
     * @param stepNanos      mean nanoseconds per step so far, NaN before the first
     * @param finishingNanos estimated nanoseconds of what ends the run (validation, checkpoint, log)
     */
    boolean allowsStep(long now, double stepNanos, double finishingNanos) {
        if (budget.isEmpty()) {
            return true;
        }
        if (Double.isNaN(stepNanos)) {
            return spent(now) < budget.get().toNanos();
        }
        return spent(now) + SAFETY * (stepNanos + finishingNanos) <= budget.get().toNanos();
    }
}
