package org.vertreg.drr;

/**
 * The fixed mapping from DRR line integrals to the 8-bit grey values the network sees:
 * {@code g = 255·(1 − exp(−K·p))}, K = {@value #GAIN}, rounded to the nearest integer.
 *
 * <p>Zero attenuation (air, the black background around a single vertebra) is 0; grey rises
 * monotonically and saturates towards 255. With K = 1 a path of 40 mm of cancellous bone
 * (≈ 300 HU, μ ≈ 0.026 /mm, p ≈ 1.04) maps to ≈ 165, and p = 3 (thick cortical bone) to ≈ 242.
 * Changing K changes every image the model sees; do it only together with the model.
 */
public final class DrrImageMapping {

    /** Gain K applied to the line integral before the exponential. */
    public static final double GAIN = 1.0;

    private DrrImageMapping() {
    }

    /** Grey value 0..255 (integral-valued) of a line integral; negative or NaN input counts as 0. */
    public static float grey(float lineIntegral) {
        if (!(lineIntegral > 0)) {
            return 0f;
        }
        return (float) Math.rint(255.0 * (1.0 - Math.exp(-GAIN * lineIntegral)));
    }

    /** Maps {@code lineIntegrals} into {@code out} element by element (the arrays may be the same). */
    public static void toGrey(float[] lineIntegrals, float[] out) {
        if (out.length < lineIntegrals.length) {
            throw new IllegalArgumentException("output holds " + out.length + " values, input " + lineIntegrals.length);
        }
        for (int i = 0; i < lineIntegrals.length; i++) {
            out[i] = grey(lineIntegrals[i]);
        }
    }

    /** A new grey image of {@code lineIntegrals}. */
    public static float[] toGrey(float[] lineIntegrals) {
        float[] out = new float[lineIntegrals.length];
        toGrey(lineIntegrals, out);
        return out;
    }
}
