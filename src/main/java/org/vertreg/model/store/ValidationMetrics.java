package org.vertreg.model.store;

/**
 * How a model did on its validation images.
 *
 * @param samples validation images scored
 * @param mTreMm  mean target registration error in mm, or null when it was not measured
 * @param mae     mean absolute error of the six normalised pose parameters
 */
public record ValidationMetrics(int samples, Double mTreMm, double mae) {

    public ValidationMetrics {
        if (samples < 1) {
            throw new IllegalArgumentException("validation needs at least one sample, got " + samples);
        }
        if (mTreMm != null && (!(mTreMm >= 0) || mTreMm.isInfinite())) {
            throw new IllegalArgumentException("validation mTRE must be finite and ≥ 0: " + mTreMm);
        }
        if (!(mae >= 0) || Double.isInfinite(mae)) {
            throw new IllegalArgumentException("validation MAE must be finite and ≥ 0: " + mae);
        }
    }
}
