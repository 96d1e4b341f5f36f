package org.vertreg.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RigidTransformTest {
    private static final double EPS = 1e-9;

    static RigidTransform randomTransform(Random random) {
        Pose p = new Pose(uniform(random, 180), uniform(random, 90), uniform(random, 180),
                uniform(random, 100), uniform(random, 100), uniform(random, 100));
        return p.toRigidTransform(new Vector3(uniform(random, 50), uniform(random, 50), uniform(random, 50)));
    }

    static double uniform(Random random, double halfRange) {
        return (2 * random.nextDouble() - 1) * halfRange;
    }

    @Test
    void aTransformFollowedByItsInverseIsTheIdentity() {
        Random random = new Random(11);
        for (int i = 0; i < 1000; i++) {
            RigidTransform t = randomTransform(random);
            assertTrue(t.then(t.inverse()).equalsWithin(RigidTransform.identity(), EPS), t::toString);
            assertTrue(t.inverse().then(t).equalsWithin(RigidTransform.identity(), EPS), t::toString);
        }
    }

    @Test
    void theInverseOfACompositionIsTheInversesInReverseOrder() {
        Random random = new Random(12);
        for (int i = 0; i < 1000; i++) {
            RigidTransform a = randomTransform(random);
            RigidTransform b = randomTransform(random);
            assertTrue(a.then(b).inverse().equalsWithin(b.inverse().then(a.inverse()), EPS));
        }
    }

    @Test
    void thenAppliesTheFirstTransformFirst() {
        RigidTransform shift = RigidTransform.of(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new Vector3(10, 0, 0));
        // 90° about S: L goes to P.
        RigidTransform turn = RigidTransform.of(new double[] {0, -1, 0, 1, 0, 0, 0, 0, 1}, Vector3.ZERO);
        Vector3 p = new Vector3(1, 0, 0);
        assertEquals(0, shift.then(turn).apply(p).maxDifference(new Vector3(0, 11, 0)), EPS);
        assertEquals(0, turn.then(shift).apply(p).maxDifference(new Vector3(10, 1, 0)), EPS);
        Random random = new Random(13);
        RigidTransform a = randomTransform(random);
        RigidTransform b = randomTransform(random);
        assertEquals(0, a.then(b).apply(p).maxDifference(b.apply(a.apply(p))), EPS);
    }

    @Test
    void matrix4RoundTripsAndHasTheHomogeneousLastRow() {
        RigidTransform t = randomTransform(new Random(14));
        double[] m = t.toMatrix4();
        assertArrayEquals(new double[] {0, 0, 0, 1}, new double[] {m[12], m[13], m[14], m[15]});
        assertArrayEquals(new double[] {t.translation().x(), t.translation().y(), t.translation().z()},
                new double[] {m[3], m[7], m[11]});
        assertEquals(t, RigidTransform.fromMatrix4(m));
    }

    @Test
    void fromMatrix4RefusesWhatIsNotARigidMotion() {
        double[] scaled = {2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
        double[] sheared = {1, 0.1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
        double[] reflected = {-1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
        double[] notANumber = {1, 0, 0, Double.NaN, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
        double[] infinite = {1, 0, 0, 0, 0, 1, 0, Double.POSITIVE_INFINITY, 0, 0, 1, 0, 0, 0, 0, 1};
        double[] projective = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0.5, 0, 0, 1};
        for (double[] m : new double[][] {scaled, sheared, reflected, notANumber, infinite, projective, new double[12]}) {
            assertThrows(IllegalArgumentException.class, () -> RigidTransform.fromMatrix4(m));
        }
    }

    @Test
    void orthonormalityCheckAcceptsRotationsAndRejectsReflections() {
        assertTrue(RigidTransform.isOrthonormal(new double[] {0, -1, 0, 1, 0, 0, 0, 0, 1}, 1e-12));
        assertFalse(RigidTransform.isOrthonormal(new double[] {0, 1, 0, 1, 0, 0, 0, 0, 1}, 1e-12));
        assertFalse(RigidTransform.isOrthonormal(new double[] {1, 0, 0, 0, 1, 0, 0, 0, Double.NaN}, 1e-12));
        assertTrue(RigidTransform.isOrthonormal(new double[] {1 + 1e-9, 0, 0, 0, 1, 0, 0, 0, 1}, 1e-6));
    }

    @Test
    void rotationAngleOfAKnownTurn() {
        assertEquals(90, RigidTransform.of(new double[] {0, -1, 0, 1, 0, 0, 0, 0, 1}, Vector3.ZERO).rotationAngleDegrees(), EPS);
        assertEquals(180, RigidTransform.of(new double[] {-1, 0, 0, 0, -1, 0, 0, 0, 1}, Vector3.ZERO).rotationAngleDegrees(), EPS);
        assertEquals(0, RigidTransform.identity().rotationAngleDegrees(), EPS);
    }

    @Test
    void rotationIsDefensivelyCopied() {
        double[] rot = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        RigidTransform t = RigidTransform.of(rot, Vector3.ZERO);
        rot[0] = 5;
        t.rotation()[0] = 7;
        assertEquals(1, t.rotation(0, 0));
    }
}
