package org.vertreg.registration;

import org.vertreg.imaging.ProjectedAnatomy;

/**
 * Turns a registration's final gradient correlation, the network–refinement disagreement and the X-ray's noise into a quality
 * score: a logistic model of the chance of success, {@code 1 / (1 + exp(−(b0 + b1·similarity + b2·disagreement +
 * b3·noise)))}, its coefficients fitted on evaluation runs ({@code evaluate --fit-quality}, README "Quality score"), and
 * the threshold below which a result is low confidence.
 */
public record QualityModel(double intercept, double perSimilarity, double perDisagreementMm, double perNoiseSigma, double threshold) {

    public QualityModel {
        if (!Double.isFinite(intercept) || !Double.isFinite(perSimilarity) || !Double.isFinite(perDisagreementMm)
                || !Double.isFinite(perNoiseSigma) || !(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("quality coefficients must be finite and the threshold in (0, 1)");
        }
    }

    /**
     * The model fitted on the six shared vertebrae's evaluation runs (100 low-dose test poses each, network + GC
     * refinement, 4-minute models) for X-rays of this anatomy: the gradient correlation of a clean vertebra-alone DRR and
     * of a windowed whole-CT one are not on the same scale. It also decides the restarts, and a model refitted to the
     * robust match's final results (after their restarts) flagged fewer of the first results that restarts rescue
     * (whole-CT L3: 0.88 → 1.24 mm mean, a 14.9 mm failure scored 0.79), so these stand until a fit on first results.
     */
    public static QualityModel calibrated(ProjectedAnatomy anatomy) {
        return anatomy == ProjectedAnatomy.WHOLE_CT ? new QualityModel(-8.20620, 12.0853, -0.100022, 0.941151, 0.667021)
                : new QualityModel(-8.16327, 11.8003, -0.0863670, 0.837827, 0.629178);
    }

    public RegistrationQuality assess(double similarity, double disagreementMm, double noiseSigma) {
        double z = intercept + perSimilarity * similarity + perDisagreementMm * disagreementMm + perNoiseSigma * noiseSigma;
        double score = Double.isFinite(z) ? 1 / (1 + Math.exp(-z)) : 0;
        return new RegistrationQuality(similarity, disagreementMm, noiseSigma, score, !(score >= threshold));
    }
}
