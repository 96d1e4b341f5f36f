package org.vertreg.registration;

/**
 * Normalised gradient information (after Pluim et al. 2000, as 2D/3D registration uses it): at each pixel the smaller
 * gradient magnitude, weighted by how parallel (or anti-parallel) the two gradients are (cos²α), summed and divided by
 * the geometric mean of the images' summed magnitudes; in [0, 1].
 */
public final class NormalisedGradientInformation extends GradientSimilarity {

    @Override
    public String name() {
        return "ngi";
    }

    @Override
    GradientScorer scorer(ImageGradients fixed) {
        double fixedTotal = sum(fixed.magnitude());
        return moving -> {
            double movingTotal = sum(moving.magnitude());
            if (fixedTotal == 0 || movingTotal == 0) {
                return 0;
            }
            double information = 0;
            for (int i = 0; i < fixed.size(); i++) {
                double mf = fixed.magnitude()[i], mm = moving.magnitude()[i];
                if (mf > 0 && mm > 0) {
                    double cos = (fixed.gx()[i] * moving.gx()[i] + fixed.gy()[i] * moving.gy()[i]) / (mf * mm);
                    information += cos * cos * Math.min(mf, mm);
                }
            }
            return information / Math.sqrt(fixedTotal * movingTotal);
        };
    }

    private static double sum(float[] values) {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }
}
