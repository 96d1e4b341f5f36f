package org.vertreg.registration;

import org.vertreg.imaging.ProjectedAnatomy;

/**
 * Turns a registration's final gradient correlation, the network–refinement disagreement and the X-ray's noise into a quality
 * score: a logistic model of the chance of success, {@code 1 / (1 + exp(−(b0 + b1·similarity + b2·disagreement +
 * b3·noise)))}, its coefficients fitted on evaluation runs ({@code evaluate --fit-quality}, README "Quality score"), and
 * the threshold below which a result is low confidence.
 */
public record QualityModel(double intercept, double perSimilarity, double perDisagreementMm, double perNoiseSigma, double threshold,
                           double maxNoiseSigma) {

    /**
     * How far beyond the noisiest X-ray of its calibration a model is trusted: a logistic fitted on noise 0.3–4.4 grey
     * levels, extrapolated to an image of noise alone (about 75), would read it as a confident result.
     */
    public static final double NOISE_MARGIN = 2;

    /**
     * @param maxNoiseSigma noise (grey levels) beyond which the score says nothing: an X-ray noisier scores 0, low
     *                      confidence whatever its similarity ({@link #NOISE_MARGIN} × the noisiest of the calibration)
     */
    public QualityModel {
        if (!Double.isFinite(intercept) || !Double.isFinite(perSimilarity) || !Double.isFinite(perDisagreementMm)
                || !Double.isFinite(perNoiseSigma) || !(threshold > 0 && threshold < 1) || !(maxNoiseSigma > 0)) {
            throw new IllegalArgumentException("quality coefficients must be finite, the threshold in (0, 1), the noise limit positive");
        }
    }

    /** A model without a noise limit. */
    public QualityModel(double intercept, double perSimilarity, double perDisagreementMm, double perNoiseSigma, double threshold) {
        this(intercept, perSimilarity, perDisagreementMm, perNoiseSigma, threshold, Double.POSITIVE_INFINITY);
    }

    /**
     * The model for X-rays of this anatomy (the gradient correlation of a clean vertebra-alone DRR and of a windowed
     * whole-CT one are not on the same scale). Vertebra alone: fitted to the first refinements, before restarts, of the
     * six shared vertebrae's runs (network + the robust match, 8-minute models, 100 low-dose poses each). Whole CT: the
     * earlier fit to GC refinements (4-minute models), kept because it flags every gross failure of the robust match's
     * runs, where the fit to their first refinements let one of 14.9 mm through (README "Quality score").
     */
    public static QualityModel calibrated(ProjectedAnatomy anatomy) {
        // noisiest calibration X-rays: 2.56 (whole CT), 4.37 (vertebra alone) grey levels
        return anatomy == ProjectedAnatomy.WHOLE_CT ? new QualityModel(-8.20620, 12.0853, -0.100022, 0.941151, 0.667021, NOISE_MARGIN * 2.56)
                : new QualityModel(-8.06049, 14.3923, -0.236573, 0.671444, 0.788509, NOISE_MARGIN * 4.37);
    }

    public RegistrationQuality assess(double similarity, double disagreementMm, double noiseSigma) {
        double z = intercept + perSimilarity * similarity + perDisagreementMm * disagreementMm + perNoiseSigma * noiseSigma;
        double score = Double.isFinite(z) && noiseSigma <= maxNoiseSigma ? 1 / (1 + Math.exp(-z)) : 0;
        return new RegistrationQuality(similarity, disagreementMm, noiseSigma, score, !(score >= threshold));
    }
}
