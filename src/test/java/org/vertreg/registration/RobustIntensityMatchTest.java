package org.vertreg.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vertreg.drr.SimulatedXrays;
import org.vertreg.geometry.Pose;
import org.vertreg.training.PhantomXrays;

/** The robust grey-value match on low-dose X-rays of the phantom vertebra. */
class RobustIntensityMatchTest {
    private static final Pose TRUTH = new Pose(4, -3, 2, 1.5, -2, 1);
    private static final long LOW_DOSE_SEED = 7; // blurred most (1.47 px) of the first ten: the blur matching matters

    /**
     * In the image plane, on five low-dose X-rays: the best of the DRRs moved in quarter steps lies within one step
     * (degree or mm) of the truth, and DRRs moved two or three steps score below the truth's.
     */
    @Test
    void aKnownShiftGivesTheKnownOptimumOnLowDoseXrays() {
        SimulatedXrays xrays = PhantomXrays.get();
        for (long seed = 1; seed <= 5; seed++) {
            Similarity.Scorer scorer = new RobustIntensityMatch().against(xrays.lowDose(TRUTH, seed), xrays.columns(), xrays.rows());
            double truth = scorer.score(xrays.drr(TRUTH));
            for (int parameter : new int[] {1, 3, 5}) { // ry (degrees, about the beam), tx, tz (mm)
                double best = Double.NEGATIVE_INFINITY, bestShift = 0;
                for (double k = -1.5; k <= 1.5; k += 0.25) {
                    double moved = scorer.score(xrays.drr(SimilarityTest.moved(TRUTH, parameter, k)));
                    if (moved > best) {
                        best = moved;
                        bestShift = k;
                    }
                }
                assertTrue(Math.abs(bestShift) <= 1, "seed " + seed + ", parameter " + parameter + ": best at a shift of " + bestShift);
                for (int k : new int[] {-3, -2, 2, 3}) {
                    double moved = scorer.score(xrays.drr(SimilarityTest.moved(TRUTH, parameter, k)));
                    assertTrue(truth > moved, "seed " + seed + ", parameter " + parameter + ": the truth scores " + truth + ", a shift of " + k
                            + " scores " + moved);
                }
            }
        }
    }

    @Test
    void theXraysContrastAndBrightnessDoNotMatter() {
        SimulatedXrays xrays = PhantomXrays.get();
        float[] xray = xrays.lowDose(TRUTH, LOW_DOSE_SEED);
        float[] dimmer = new float[xray.length];
        for (int i = 0; i < xray.length; i++) {
            dimmer[i] = 0.6f * xray[i] + 40;
        }
        float[] drr = xrays.drr(SimilarityTest.moved(TRUTH, 3, 1));
        RobustIntensityMatch match = new RobustIntensityMatch();
        double original = match.against(xray, xrays.columns(), xrays.rows()).score(drr);
        double changed = match.against(dimmer, xrays.columns(), xrays.rows()).score(drr);
        assertEquals(original, changed, 1e-4);
        assertTrue(original > -1 && original < 0, "a score in (−1, 0): " + original);
    }

    /** A bright streak across the vertebra, which no pose explains, costs only its own pixels and leaves the optimum. */
    @Test
    void aStreakCostsOnlyItsOwnPixels() {
        SimulatedXrays xrays = PhantomXrays.get();
        int columns = xrays.columns(), rows = xrays.rows();
        float[] xray = xrays.lowDose(TRUTH, LOW_DOSE_SEED);
        float[] streaked = xray.clone();
        int streakPixels = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = columns / 2 - 1; c <= columns / 2 + 1; c++) {
                streaked[r * columns + c] = Math.min(255, streaked[r * columns + c] + 90);
                streakPixels++;
            }
        }
        RobustIntensityMatch match = new RobustIntensityMatch();
        Similarity.Scorer clean = match.against(xray, columns, rows), dirty = match.against(streaked, columns, rows);
        double drop = clean.score(xrays.drr(TRUTH)) - dirty.score(xrays.drr(TRUTH));
        // the streak's pixels and the rim the background removal spreads around them, nothing more
        assertTrue(drop > 0 && drop < 5.0 * streakPixels / xray.length, "the streak cost " + drop);
        double truth = dirty.score(xrays.drr(TRUTH));
        for (int k : new int[] {-1, 1}) {
            assertTrue(truth > dirty.score(xrays.drr(SimilarityTest.moved(TRUTH, 3, k))), "tx " + k + " mm beats the truth with the streak");
        }
    }

    @Test
    void theCoarseLevelIsGradientCorrelation() {
        assertInstanceOf(GradientCorrelation.class, new RobustIntensityMatch().coarseLevel());
        assertEquals("robust", Similarity.named("robust").name());
    }
}
