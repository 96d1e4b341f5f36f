package org.vertreg.registration;

/**
 * Gradient correlation computed patch by patch and averaged, at two patch sizes (multi-scale, in the manner of the
 * patch-wise gradient NCC of xReg and xvr): a local measure, so that bright structures the DRR lacks (neighbours, soft
 * tissue, a different exposure in one part of the image) cost only their own patches. Patches where the X-ray has
 * no gradient at all are skipped.
 */
public final class PatchGradientCorrelation extends GradientSimilarity {
    private final int[] patchSizes;

    public PatchGradientCorrelation() {
        this(16, 32);
    }

    public PatchGradientCorrelation(int... patchSizes) {
        this.patchSizes = patchSizes.clone();
    }

    @Override
    public String name() {
        return "patch-gc";
    }

    @Override
    GradientScorer scorer(ImageGradients fixed) {
        int columns = fixed.columns(), rows = fixed.rows();
        return moving -> {
            double total = 0;
            int scales = 0;
            for (int size : patchSizes) {
                int p = Math.min(size, Math.min(columns, rows));
                double sum = 0;
                int patches = 0;
                for (int r0 = 0; r0 + p <= rows; r0 += p / 2) {
                    for (int c0 = 0; c0 + p <= columns; c0 += p / 2) {
                        double score = patchGc(fixed, moving, c0, r0, p);
                        if (!Double.isNaN(score)) {
                            sum += score;
                            patches++;
                        }
                    }
                }
                if (patches > 0) {
                    total += sum / patches;
                    scales++;
                }
            }
            return scales == 0 ? 0 : total / scales;
        };
    }

    /** GC of one p×p patch, NaN when the X-ray's gradients are constant there. */
    private static double patchGc(ImageGradients f, ImageGradients m, int c0, int r0, int p) {
        double[] sums = new double[10]; // fx, mx, fy, my, fx², mx², fxmx, fy², my², fymy
        int n = p * p;
        for (int r = r0; r < r0 + p; r++) {
            for (int c = c0; c < c0 + p; c++) {
                int i = r * f.columns() + c;
                double fx = f.gx()[i], mx = m.gx()[i], fy = f.gy()[i], my = m.gy()[i];
                sums[0] += fx;
                sums[1] += mx;
                sums[2] += fy;
                sums[3] += my;
                sums[4] += fx * fx;
                sums[5] += mx * mx;
                sums[6] += fx * mx;
                sums[7] += fy * fy;
                sums[8] += my * my;
                sums[9] += fy * my;
            }
        }
        double vfx = sums[4] - sums[0] * sums[0] / n, vmx = sums[5] - sums[1] * sums[1] / n;
        double vfy = sums[7] - sums[2] * sums[2] / n, vmy = sums[8] - sums[3] * sums[3] / n;
        if (vfx <= 1e-9 && vfy <= 1e-9) {
            return Double.NaN;
        }
        double cx = vfx > 1e-9 && vmx > 1e-9 ? (sums[6] - sums[0] * sums[1] / n) / Math.sqrt(vfx * vmx) : 0;
        double cy = vfy > 1e-9 && vmy > 1e-9 ? (sums[9] - sums[2] * sums[3] / n) / Math.sqrt(vfy * vmy) : 0;
        return 0.5 * (cx + cy);
    }
}
