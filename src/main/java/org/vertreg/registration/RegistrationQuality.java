package org.vertreg.registration;

/**
 * How far one registration can be trusted, from what the node knows without the truth: the gradient correlation of the
 * X-ray and the refined pose's DRR (whatever similarity the refinement maximised), how far refinement moved from the network's pose, and the X-ray's own noise (which caps the similarity any
 * pose can reach). {@code score} is the calibrated chance (0–1) that the result is a success (mTRE < 2 mm); below
 * {@link QualityModel#threshold()} the result is low confidence.
 */
public record RegistrationQuality(double similarity, double disagreementMm, double noiseSigma, double score, boolean lowConfidence) {
}
