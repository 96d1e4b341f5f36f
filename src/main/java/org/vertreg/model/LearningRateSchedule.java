package org.vertreg.model;

/**
 * The learning rate per optimiser step: constant at {@code baseRate}, or a linear warm-up over {@code warmupSteps}
 * followed, when {@code cosineDecay} is on, by a half cosine from {@code baseRate} down to {@code floorFraction·baseRate}
 * at the last step.
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
        if (step < 0 || totalSteps <= 0) {
            throw new IllegalArgumentException("step " + step + " of " + totalSteps);
        }
        if (step < warmupSteps) {
            return baseRate * (step + 1) / warmupSteps;
        }
        if (!cosineDecay) {
            return baseRate;
        }
        long decaySteps = Math.max(1, totalSteps - warmupSteps - 1);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        double floor = floorFraction * baseRate;
        return floor + (baseRate - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
