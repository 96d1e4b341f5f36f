package org.vertreg.drr;

import java.util.Arrays;
import java.util.Locale;

/**
 * How line integrals become the grey values (0–255, integral-valued, bone bright) of a simulated X-ray.
 *
 * <p>{@link #EXPONENTIAL} is {@link DrrImageMapping}: right for the vertebra alone on black, whose paths are short, but
 * a whole body's line integrals (about 4–5 through an abdomen) all land at 250–255 and the vertebra vanishes. A C-arm
 * shows the logarithm of the transmitted intensity, i.e. the line integral, through a window: {@link Window} does that,
 * linearly between two line integrals, which {@link #windowFor} takes from the reference view so that one case keeps one
 * window at every pose (the images then differ only by what the pose changes).
 */
public sealed interface GreyMapping {

    GreyMapping EXPONENTIAL = new Exponential();

    /** Grey value 0..255 of one line integral. */
    float grey(float lineIntegral);

    /** Recorded with every model trained on these images. */
    String describe();

    default float[] toGrey(float[] lineIntegrals) {
        float[] out = new float[lineIntegrals.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = grey(lineIntegrals[i]);
        }
        return out;
    }

    /** {@link DrrImageMapping}'s fixed exponential. */
    record Exponential() implements GreyMapping {
        @Override
        public float grey(float lineIntegral) {
            return DrrImageMapping.grey(lineIntegral);
        }

        @Override
        public String describe() {
            return "DrrImageMapping: grey = 255 (1 - exp(-line integral)), 0-255, unnormalised";
        }
    }

    /** Linear from {@code low} (grey 0) to {@code high} (grey 255) μ·mm, clamped, rounded. */
    record Window(double low, double high) implements GreyMapping {
        public Window {
            if (!(high > low) || !Double.isFinite(low) || !Double.isFinite(high)) {
                throw new IllegalArgumentException("a window needs finite low < high, got " + low + ", " + high);
            }
        }

        @Override
        public float grey(float lineIntegral) {
            double g = 255 * (lineIntegral - low) / (high - low);
            return (float) Math.rint(Math.max(0, Math.min(255, Double.isNaN(g) ? 0 : g)));
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "window: grey = 255 (line integral - %.4f) / %.4f, clamped to 0-255, unnormalised", low,
                    high - low);
        }
    }

    /**
     * The window of an image's line integrals: from its 1st to its 99.5th percentile, each widened by a tenth of the
     * range, so that poses that bring thicker or thinner paths into view still fall inside it.
     */
    static Window windowFor(float[] lineIntegrals) {
        float[] sorted = lineIntegrals.clone();
        Arrays.sort(sorted);
        double low = sorted[(int) (0.01 * (sorted.length - 1))], high = sorted[(int) (0.995 * (sorted.length - 1))];
        double margin = 0.1 * Math.max(high - low, 1e-3);
        return new Window(low - margin, high + margin);
    }
}
