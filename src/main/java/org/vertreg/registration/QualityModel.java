package org.vertreg.registration;

import org.vertreg.imaging.ProjectedAnatomy;

/**
 * Turns a registration's final gradient correlation, the network–refinement disagreement and the X-ray's noise into a quality
 * score: a logistic model of the chance of success, {@code 1 / (1 + exp(−(b0 + b1·similarity + b2·disagreement +
 * b3·noise)))}, its coefficients fitted on evaluation runs ({@code evaluate --fit-quality}, README "Quality score"), and
 * the threshold below which a result is low confidence.
 */
public record QualityModel(double intercept, double perSimilarity, double perDisagreementMm, double perNoiseSigma, double threshold) {

    /**
     * Noise (grey levels) beyond which the score says nothing: the calibration's X-rays measured 0.26–4.4 (vertebra alone)
     * and 0.27–2.6 (whole CT), so a logistic fitted there, extrapolated to an image of noise alone (about 75), would read
     * it as a confident result. Above this an X-ray scores 0: low confidence, whatever the similarity.
     */
    public static final double MAX_NOISE_SIGMA = 8;

    public QualityModel {
        if (!Double.isFinite(intercept) || !Double.isFinite(perSimilarity) || !Double.isFinite(perDisagreementMm)
                || !Double.isFinite(perNoiseSigma) || !(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("quality coefficients must be finite and the threshold in (0, 1)");
        }
    }

    /**
     * The model for X-rays of this anatomy (the gradient correlation of a clean vertebra-alone DRR and of a windowed
     * whole-CT one are not on the same scale). Vertebra alone: fitted to the first refinements, before restarts, of the
     * six shared vertebrae's runs (network + the robust match, 8-minute models, 100 low-dose poses each). Whole CT: the
     * earlier fit to GC refinements (4-minute models), kept because it flags every gross failure of the robust match's
     * runs, where the fit to their first refinements let one of 14.9 mm through (README "Quality score").
     */
    public static QualityModel calibrated(ProjectedAnatomy anatomy) {
        return anatomy == ProjectedAnatomy.WHOLE_CT ? new QualityModel(-8.20620, 12.0853, -0.100022, 0.941151, 0.667021)
                : new QualityModel(-8.06049, 14.3923, -0.236573, 0.671444, 0.788509);
    }

    public RegistrationQuality assess(double similarity, double disagreementMm, double noiseSigma) {
        double z = intercept + perSimilarity * similarity + perDisagreementMm * disagreementMm + perNoiseSigma * noiseSigma;
        double score = Double.isFinite(z) && noiseSigma <= MAX_NOISE_SIGMA ? 1 / (1 + Math.exp(-z)) : 0;
        return new RegistrationQuality(similarity, disagreementMm, noiseSigma, score, !(score >= threshold));
    }
}
