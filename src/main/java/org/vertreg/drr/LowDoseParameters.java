package org.vertreg.drr;

import java.util.List;
import java.util.SplittableRandom;

/**
 * One low-dose simulation's parameters, drawn per image by {@link #draw}. Ranges (uniform unless said):
 * <ul>
 *   <li>fog strength f ∈ [{@value #FOG_MIN}, {@value #FOG_MAX}]: weight of the fog layer in the blend;</li>
 *   <li>fog noise n ∈ [{@value #FOG_NOISE_MIN}, {@value #FOG_NOISE_MAX}]: the fog layer is
 *       255·(1 − n) + 255·n·U, U uniform in [0, 1) per pixel (white blended with noise);</li>
 *   <li>artefacts: 0 to {@value #MAX_ARTEFACTS}, see {@link Artefact};</li>
 *   <li>blur σ ∈ [{@value #BLUR_SIGMA_MIN}, {@value #BLUR_SIGMA_MAX}] px of the 5×5 Gaussian kernel;</li>
 *   <li>contrast c ∈ [{@value #CONTRAST_MIN}, {@value #CONTRAST_MAX}] and brightness b ∈
 *       [−{@value #BRIGHTNESS_MAX}, {@value #BRIGHTNESS_MAX}] grey levels: g' = (g − 127.5)·c + 127.5 + b.</li>
 * </ul>
 */
public record LowDoseParameters(double fogStrength, double fogNoise, List<Artefact> artefacts, double blurSigma, double contrast,
        double brightness) {

    public static final double FOG_MIN = 0.1, FOG_MAX = 0.4;
    public static final double FOG_NOISE_MIN = 0.2, FOG_NOISE_MAX = 0.6;
    public static final int MAX_ARTEFACTS = 4;
    public static final double BLUR_SIGMA_MIN = 0.5, BLUR_SIGMA_MAX = 1.5;
    public static final double CONTRAST_MIN = 0.7, CONTRAST_MAX = 1.0;
    public static final double BRIGHTNESS_MAX = 20;

    public LowDoseParameters {
        if (!(fogStrength >= 0 && fogStrength <= 1) || !(fogNoise >= 0 && fogNoise <= 1)) {
            throw new IllegalArgumentException("fog strength and noise must be in [0, 1]: " + fogStrength + ", " + fogNoise);
        }
        if (!(blurSigma > 0) || !(contrast >= 0) || !Double.isFinite(contrast) || !Double.isFinite(brightness)
                || Double.isInfinite(blurSigma)) {
            throw new IllegalArgumentException("blur σ must be positive, contrast non-negative, all finite");
        }
        artefacts = List.copyOf(artefacts);
    }

    /**
     * An artefact: a bright or dark shape, scaled to the image, Gaussian-blurred and added.
     * A blob is a disc of radius {@code size}; a streak a segment of length {@code size}, {@code width}
     * thick, at {@code angle} radians. Centre as fractions of width and height in [0, 1); size ∈
     * [0.03, 0.15] (blob) or [0.2, 0.8] (streak) of the image's larger side; width ∈ [1, 3] px;
     * blur σ ∈ [1, 3] px; amplitude ∈ ±[20, 60] grey levels.
     */
    public record Artefact(boolean streak, double centreX, double centreY, double size, double width, double angle, double blurSigma,
            double amplitude) {
    }

    /** Draws every parameter from its range; the same random state gives the same parameters. */
    public static LowDoseParameters draw(SplittableRandom rnd) {
        double fog = rnd.nextDouble(FOG_MIN, FOG_MAX);
        double noise = rnd.nextDouble(FOG_NOISE_MIN, FOG_NOISE_MAX);
        int count = rnd.nextInt(MAX_ARTEFACTS + 1);
        Artefact[] artefacts = new Artefact[count];
        for (int a = 0; a < count; a++) {
            boolean streak = rnd.nextBoolean();
            double cx = rnd.nextDouble(), cy = rnd.nextDouble();
            double size = streak ? rnd.nextDouble(0.2, 0.8) : rnd.nextDouble(0.03, 0.15);
            double width = rnd.nextDouble(1, 3);
            double angle = rnd.nextDouble(0, Math.PI);
            double sigma = rnd.nextDouble(1, 3);
            double amplitude = rnd.nextDouble(20, 60) * (rnd.nextBoolean() ? 1 : -1);
            artefacts[a] = new Artefact(streak, cx, cy, size, width, angle, sigma, amplitude);
        }
        double blur = rnd.nextDouble(BLUR_SIGMA_MIN, BLUR_SIGMA_MAX);
        double contrast = rnd.nextDouble(CONTRAST_MIN, CONTRAST_MAX);
        double brightness = rnd.nextDouble(-BRIGHTNESS_MAX, BRIGHTNESS_MAX);
        return new LowDoseParameters(fog, noise, List.of(artefacts), blur, contrast, brightness);
    }
}
