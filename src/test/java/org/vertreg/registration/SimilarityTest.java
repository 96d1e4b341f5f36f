package org.vertreg.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vertreg.drr.SimulatedXrays;
import org.vertreg.geometry.Pose;
import org.vertreg.training.PhantomXrays;

/**
 * Each similarity, on the phantom vertebra: against an X-ray at a known pose, the DRRs at that pose moved step by step
 * along one image-plane parameter score highest at the true pose and lower the farther they are moved. (Depth and the
 * rotations about in-plane axes change a projection far less per step; the refinement test covers them.)
 */
class SimilarityTest {
    private static final Pose TRUTH = new Pose(4, -3, 2, 1.5, -2, 1);

    @ParameterizedTest
    @ValueSource(strings = {"gc", "ngi", "go", "patch-gc"})
    void aKnownShiftGivesTheKnownOptimum(String name) {
        SimulatedXrays xrays = PhantomXrays.get();
        Similarity.Scorer scorer = Similarity.named(name).against(xrays.drr(TRUTH), xrays.columns(), xrays.rows());
        for (int parameter : new int[] {1, 3, 5}) { // ry (degrees, about the beam), tx, tz (mm): the image-plane parameters
            double[] scores = new double[9];
            for (int k = -4; k <= 4; k++) {
                scores[k + 4] = scorer.score(xrays.drr(moved(TRUTH, parameter, k)));
            }
            for (int k = 1; k <= 4; k++) {
                assertTrue(scores[4] > scores[4 + k] && scores[4] > scores[4 - k],
                        name + ", parameter " + parameter + ": the truth scores " + scores[4] + ", a shift of " + k + " scores "
                                + scores[4 + k] + " / " + scores[4 - k]);
            }
            assertTrue(scores[8] < scores[5] && scores[0] < scores[3], name + ", parameter " + parameter + ": farther is worse");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gc", "ngi", "go", "patch-gc"})
    void anImageIsMostLikeItself(String name) {
        SimulatedXrays xrays = PhantomXrays.get();
        float[] drr = xrays.drr(TRUTH);
        double self = Similarity.named(name).against(drr, xrays.columns(), xrays.rows()).score(drr);
        assertEquals(1.0, self, 1e-6, name + " of an image with itself");
    }

    static Pose moved(Pose p, int parameter, double by) {
        double[] v = {p.rx(), p.ry(), p.rz(), p.tx(), p.ty(), p.tz()};
        v[parameter] += by;
        return new Pose(v[0], v[1], v[2], v[3], v[4], v[5]);
    }
}
