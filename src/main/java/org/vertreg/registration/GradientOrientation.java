package org.vertreg.registration;

import java.util.Arrays;

/**
 * Gradient orientation (after De Silva et al. 2016): over the pixels where both images have a clear gradient (above
 * the median magnitude of the pixels with any), the mean agreement of the gradient directions, cos²α, counted against
 * the X-ray's clear pixels so that a DRR cannot score by having few edges; in [0, 1].
 */
public final class GradientOrientation extends GradientSimilarity {

    @Override
    public String name() {
        return "go";
    }

    @Override
    GradientScorer scorer(ImageGradients fixed) {
        double fixedThreshold = medianOfPositive(fixed.magnitude());
        int fixedClear = 0;
        for (float m : fixed.magnitude()) {
            fixedClear += m > fixedThreshold ? 1 : 0;
        }
        int clear = Math.max(1, fixedClear);
        return moving -> {
            double movingThreshold = medianOfPositive(moving.magnitude());
            double agreement = 0;
            for (int i = 0; i < fixed.size(); i++) {
                double mf = fixed.magnitude()[i], mm = moving.magnitude()[i];
                if (mf > fixedThreshold && mm > movingThreshold) {
                    double cos = (fixed.gx()[i] * moving.gx()[i] + fixed.gy()[i] * moving.gy()[i]) / (mf * mm);
                    agreement += cos * cos;
                }
            }
            return agreement / clear;
        };
    }

    private static double medianOfPositive(float[] magnitudes) {
        float[] positive = new float[magnitudes.length];
        int n = 0;
        for (float m : magnitudes) {
            if (m > 0) {
                positive[n++] = m;
            }
        }
        if (n == 0) {
            return 0;
        }
        float[] sorted = Arrays.copyOf(positive, n);
        Arrays.sort(sorted);
        return sorted[n / 2];
    }
}
