package org.vertreg.registration;

/**
 * Gradient correlation (Penney et al. 1998): the mean of the normalised cross correlations of the horizontal and of
 * the vertical gradients, in [−1, 1]. Insensitive to the brightness and contrast of either image, and to structures
 * whose edges the DRR does not have.
 */
public final class GradientCorrelation extends GradientSimilarity {

    @Override
    public String name() {
        return "gc";
    }

    @Override
    GradientScorer scorer(ImageGradients fixed) {
        return moving -> 0.5 * (ncc(fixed.gx(), moving.gx(), 0, fixed.size()) + ncc(fixed.gy(), moving.gy(), 0, fixed.size()));
    }

    /** Normalised cross correlation of a[from..to) and b[from..to); 0 when either is constant there. */
    static double ncc(float[] a, float[] b, int from, int to) {
        int n = to - from;
        double sa = 0, sb = 0;
        for (int i = from; i < to; i++) {
            sa += a[i];
            sb += b[i];
        }
        double ma = sa / n, mb = sb / n, ab = 0, aa = 0, bb = 0;
        for (int i = from; i < to; i++) {
            double da = a[i] - ma, db = b[i] - mb;
            ab += da * db;
            aa += da * da;
            bb += db * db;
        }
        return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
    }
}
