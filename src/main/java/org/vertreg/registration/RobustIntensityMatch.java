package org.vertreg.registration;

import java.util.Arrays;
import org.vertreg.imaging.GaussianBlur;

/**
 * How well the DRR, blurred as the X-ray's detector blurs and scaled to the X-ray's contrast and brightness, explains the X-ray,
 * pixel by pixel, with pixels it cannot explain left out: a robust least-squares match of grey values.
 *
 * <p>Both images lose their smooth background first (each minus its own Gaussian blur of {@code backgroundSigma}
 * pixels), which removes fog, exposure gradients and the broad part of artefacts. The DRR's contrast and brightness
 * are then fitted to the X-ray by iteratively reweighted least squares with Tukey's biweight, its cut-off a multiple of
 * the X-ray detail's own robust spread, so that streaks, blobs and structures the DRR lacks weigh nothing while the
 * rest counts as the noise allows. The score is minus the mean biweight loss, in [−1, 0]. Grey values carry the
 * evidence a vertebra's depth leaves in a single view (its size) more efficiently than gradients, which amplify the
 * noise they difference: on low-dose X-rays of the abdomen's L3 this match's optimum along the beam lies about half as
 * far from the truth as gradient correlation's.
 */
public final class RobustIntensityMatch implements Similarity {
    private static final int REWEIGHTINGS = 4;
    /** Detector blurs tried, pixels: the low-dose simulation draws 0.5–1.5, a real detector and focal spot add some. */
    private static final double[] CANDIDATE_BLURS = {0.5, 0.75, 1, 1.25, 1.5, 1.75, 2};

    private final GaussianBlur background;
    private final double cutoffInSpread;

    /**
     * A background of 5 pixels, a cut-off at 1.5 spreads: the tight cut-off scores how much of the X-ray the DRR
     * explains closely (abdomen L3 and L5 from 6 mm off along the beam, with the DRR's blur fixed at 1 pixel: 0.44 and
     * 0.64 mm mean mTRE; with 2.5 spreads 0.50 and 0.63, with 4.685, Tukey's usual, 0.59 and 0.78, with 1.0 0.71 and
     * 0.81; matching the blur then took the 1.5 to 0.40 and 0.61).
     */
    public RobustIntensityMatch() {
        this(5, 1.5);
    }

    /**
     * @param backgroundSigma   the scale of what is removed as background, pixels
     * @param cutoffInSpread    residuals beyond this many of the X-ray detail's spreads weigh nothing
     */
    public RobustIntensityMatch(double backgroundSigma, double cutoffInSpread) {
        if (!(cutoffInSpread > 0)) {
            throw new IllegalArgumentException("the cut-off must be positive, got " + cutoffInSpread);
        }
        this.background = GaussianBlur.of(backgroundSigma);
        this.cutoffInSpread = cutoffInSpread;
    }

    @Override
    public String name() {
        return "robust";
    }

    /**
     * Gradient correlation: the blur and background scales are the full detector's pixels, and from starts several mm
     * off the coarse search needs GC's wider basin (measured with this match's first form, from 6 mm off along the beam:
     * abdomen L3 0.47 mm with GC then this match, 0.40 with this match at both levels, but L5 0.67 against 0.76, whole-CT
     * L3 0.54 against 1.33 with a loss).
     */
    @Override
    public Similarity coarseLevel() {
        return new GradientCorrelation();
    }

    @Override
    public Scorer against(float[] xray, int columns, int rows) {
        float[] fixed = detail(xray, columns, rows);
        // a flat X-ray (no spread to measure) still gets a cut-off: a tenth of a grey level
        double cutoff = cutoffInSpread * Math.max(spread(fixed), 0.1);
        return new Scorer() {
            private GaussianBlur blur; // the X-ray's, chosen on the first DRR scored

            @Override
            public synchronized double score(float[] drr) {
                if (blur == null) {
                    blur = matchingBlur(fixed, drr, columns, rows, cutoff);
                }
                return RobustIntensityMatch.score(fixed, detail(blur.apply(drr, columns, rows), columns, rows), cutoff);
            }
        };
    }

    /**
     * The detector blur, among {@link #CANDIDATE_BLURS}, with which this DRR explains the X-ray best. Refinement scores
     * its starting point first, close enough in the plane for the edges' sharpness to tell: a DRR blurred less or more
     * than the X-ray leaves residuals along every edge, which the tight cut-off would otherwise reject with the edges.
     */
    private GaussianBlur matchingBlur(float[] fixed, float[] drr, int columns, int rows, double cutoff) {
        GaussianBlur best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (double sigma : CANDIDATE_BLURS) {
            GaussianBlur candidate = GaussianBlur.of(sigma);
            double s = score(fixed, detail(candidate.apply(drr, columns, rows), columns, rows), cutoff);
            if (s > bestScore) {
                bestScore = s;
                best = candidate;
            }
        }
        return best;
    }

    /**
     * The X-ray detail's robust spread, 1.4826 × its median absolute deviation: its noise where, as around a vertebra,
     * most pixels show no edge, more where structures fill the field. Not Immerkær's estimate: that sees only the
     * noise's finest grain, and the detector's blur leaves little of it.
     */
    static double spread(float[] detail) {
        float[] v = detail.clone();
        Arrays.sort(v);
        double median = v[v.length / 2];
        for (int i = 0; i < detail.length; i++) {
            v[i] = (float) Math.abs(detail[i] - median);
        }
        Arrays.sort(v);
        return 1.4826 * v[v.length / 2];
    }

    /** The image less its smooth background. */
    private float[] detail(float[] image, int columns, int rows) {
        float[] smooth = background.apply(image, columns, rows);
        float[] detail = new float[image.length];
        for (int i = 0; i < detail.length; i++) {
            detail[i] = image[i] - smooth[i];
        }
        return detail;
    }

    /** Minus the mean biweight loss of the X-ray's residuals after the robust affine fit of the DRR. */
    static double score(float[] x, float[] m, double cutoff) {
        int n = x.length;
        double[] w = new double[n];
        Arrays.fill(w, 1);
        double a = 0, b = 0;
        for (int round = 0; round < REWEIGHTINGS; round++) {
            double sw = 0, sm = 0, sx = 0, smm = 0, smx = 0;
            for (int i = 0; i < n; i++) {
                sw += w[i];
                sm += w[i] * m[i];
                sx += w[i] * x[i];
                smm += w[i] * m[i] * m[i];
                smx += w[i] * m[i] * x[i];
            }
            double det = sw * smm - sm * sm;
            if (!(sw > 0) || !(det > 0)) {
                return -1; // nothing left to fit, or a flat DRR: the worst score
            }
            a = (sw * smx - sm * sx) / det;
            b = (sx - a * sm) / sw;
            for (int i = 0; i < n; i++) {
                double u = (x[i] - a * m[i] - b) / cutoff;
                w[i] = Math.abs(u) < 1 ? (1 - u * u) * (1 - u * u) : 0;
            }
        }
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double u = (x[i] - a * m[i] - b) / cutoff;
            double v = 1 - u * u;
            loss += Math.abs(u) < 1 ? 1 - v * v * v : 1;
        }
        return -loss / n;
    }
}
