package org.vertreg.registration;

/** A similarity computed from the two images' Sobel gradients alone: the X-ray's are computed once, the DRR's per call. */
abstract class GradientSimilarity implements Similarity {

    /** Scores a DRR's gradients against the X-ray's. */
    @FunctionalInterface
    interface GradientScorer {
        double score(ImageGradients drr);
    }

    @Override
    public final Scorer against(float[] xray, int columns, int rows) {
        GradientScorer scorer = scorer(ImageGradients.of(xray, columns, rows));
        return drr -> scorer.score(ImageGradients.of(drr, columns, rows));
    }

    /** What scores DRRs against this X-ray's gradients; anything that depends on the X-ray alone is computed here, once. */
    abstract GradientScorer scorer(ImageGradients xray);
}
