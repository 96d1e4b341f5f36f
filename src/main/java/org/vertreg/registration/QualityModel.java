package org.vertreg.registration;

/**
 * Turns a registration's final similarity and the network–refinement disagreement into a quality score: a logistic
 * model of the chance of success, {@code 1 / (1 + exp(−(b0 + b1·similarity + b2·disagreement)))}, its coefficients
 * fitted on evaluation runs (README, "Quality score"), and the threshold below which a result is low confidence.
 */
public record QualityModel(double intercept, double perSimilarity, double perDisagreementMm, double threshold) {

    public QualityModel {
        if (!Double.isFinite(intercept) || !Double.isFinite(perSimilarity) || !Double.isFinite(perDisagreementMm)
                || !(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("quality coefficients must be finite and the threshold in (0, 1)");
        }
    }

    /** The model fitted on the shared cases' evaluation runs (README, "Quality score"). */
    public static QualityModel calibrated() {
        return new QualityModel(-52.05, 86.63, -1.767, 0.985);
    }

    public RegistrationQuality assess(double similarity, double disagreementMm) {
        double z = intercept + perSimilarity * similarity + perDisagreementMm * disagreementMm;
        double score = Double.isFinite(z) ? 1 / (1 + Math.exp(-z)) : 0;
        return new RegistrationQuality(similarity, disagreementMm, score, !(score >= threshold));
    }
}
