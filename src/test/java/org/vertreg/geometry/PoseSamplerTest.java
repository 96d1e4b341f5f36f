package org.vertreg.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vertreg.geometry.PoseSampler.Purpose;

class PoseSamplerTest {

    @Test
    void aPoseDependsOnlyOnSeedPurposeAndIndex() {
        PoseSampler a = new PoseSampler(7, Purpose.TRAINING), b = new PoseSampler(7, Purpose.TRAINING);
        assertEquals(a.pose(1234), b.pose(1234));
        assertEquals(a.pose(3), a.pose(3));
        assertEquals(a.auxiliarySeed(3), b.auxiliarySeed(3));
        assertNotEquals(a.pose(3), a.pose(4));
    }

    @Test
    void purposesAndSeedsDrawDisjointPoses() {
        Set<Pose> training = new HashSet<>();
        PoseSampler train = new PoseSampler(1, Purpose.TRAINING);
        for (int i = 0; i < 20_000; i++) {
            training.add(train.pose(i));
        }
        assertEquals(20_000, training.size());
        for (PoseSampler other : new PoseSampler[] {new PoseSampler(1, Purpose.VALIDATION), new PoseSampler(1, Purpose.EVALUATION),
                new PoseSampler(2, Purpose.TRAINING)}) {
            for (int i = 0; i < 20_000; i++) {
                assertTrue(!training.contains(other.pose(i)), other.purpose() + " seed " + other.seed() + " repeats a training pose");
            }
        }
    }

    @Test
    void posesAreUniformInTheMethodsRange() {
        PoseSampler s = new PoseSampler(3, Purpose.EVALUATION);
        int n = 40_000;
        double[] sum = new double[6], min = new double[6], max = new double[6];
        int[] belowHalf = new int[6];
        for (int i = 0; i < n; i++) {
            double[] p = s.pose(i).normalised();
            for (int k = 0; k < 6; k++) {
                sum[k] += p[k];
                min[k] = Math.min(min[k], p[k]);
                max[k] = Math.max(max[k], p[k]);
                belowHalf[k] += Math.abs(p[k]) < 0.5 ? 1 : 0;
            }
        }
        for (int k = 0; k < 6; k++) {
            assertTrue(min[k] >= -1 && max[k] <= 1, "parameter " + k + " leaves ±18°/±10 mm");
            assertTrue(min[k] < -0.99 && max[k] > 0.99, "parameter " + k + " does not fill its range");
            assertEquals(0, sum[k] / n, 0.02, "parameter " + k + " mean");
            assertEquals(0.5, belowHalf[k] / (double) n, 0.01, "parameter " + k + " share within half the range");
        }
    }

    @Test
    void negativeIndexIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PoseSampler(0, Purpose.TRAINING).pose(-1));
    }
}
