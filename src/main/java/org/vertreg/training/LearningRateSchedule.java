package org.vertreg.training;

/**
 * The learning rate per optimiser step: constant at {@code baseRate}, or a linear warm-up over {@code warmupSteps}
 * followed, when {@code cosineDecay} is on, by a half cosine from {@code baseRate} down to {@code floorFraction·baseRate}
 * at the end of the run. A run with a time budget ends when its steps or its budget run out, whichever comes first, so
 * the cosine follows the further advanced of the two: a budgeted run decays fully even when it cannot finish its epochs.
 *
 * @param baseRate      the peak rate (the paper: 6·10⁻⁵)
 * @param warmupSteps   steps of linear rise from {@code baseRate / warmupSteps}; 0 for none
 * @param cosineDecay   decay along a half cosine after the warm-up
 * @param floorFraction where the cosine ends, as a fraction of {@code baseRate}
 */
public record LearningRateSchedule(double baseRate, int warmupSteps, boolean cosineDecay, double floorFraction) {

    public LearningRateSchedule {
        if (!(baseRate > 0) || Double.isInfinite(baseRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite: " + baseRate);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warm-up steps must be ≥ 0: " + warmupSteps);
        }
        if (!(floorFraction >= 0 && floorFraction <= 1)) {
            throw new IllegalArgumentException("the cosine floor is a fraction of the base rate in [0, 1]: " + floorFraction);
        }
    }

    /** The paper's setting: {@code rate} throughout. */
    public static LearningRateSchedule constant(double rate) {
        return new LearningRateSchedule(rate, 0, false, 1);
    }

    /** Linear warm-up over {@code warmupSteps}, then a half cosine down to 1 % of {@code rate}. */
    public static LearningRateSchedule warmupCosine(double rate, int warmupSteps) {
        return new LearningRateSchedule(rate, warmupSteps, true, 0.01);
    }

    /** The rate of step {@code step} (from 0) of a run of {@code totalSteps} steps. */
    public double rate(long step, long totalSteps) {
        return rate(step, totalSteps, 0);
    }

    /**
     * The rate of step {@code step} (from 0) of a run of {@code totalSteps} steps that has spent {@code budgetSpent}
     * (0 to 1) of its time budget; 0 for a run without one.
     */
    public double rate(long step, long totalSteps, double budgetSpent) {
        if (step < 0 || totalSteps <= 0 || !(budgetSpent >= 0)) {
            throw new IllegalArgumentException("step " + step + " of " + totalSteps + ", budget spent " + budgetSpent);
        }
        if (step < warmupSteps) {
            return baseRate * (step + 1) / warmupSteps;
        }
        if (!cosineDecay) {
            return baseRate;
        }
        long decaySteps = Math.max(1, totalSteps - warmupSteps - 1);
        double progress = Math.min(1.0, Math.max((double) (step - warmupSteps) / decaySteps, budgetSpent));
        double floor = floorFraction * baseRate;
        return floor + (baseRate - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
