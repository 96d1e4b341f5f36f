package org.vertreg.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PoseTest {
    private static final double EPS = 1e-9;
    private static final Vector3 CENTROID = new Vector3(12.5, -30, 410);

    private static Pose randomPose(Random random) {
        return new Pose(RigidTransformTest.uniform(random, 180), RigidTransformTest.uniform(random, 90),
                RigidTransformTest.uniform(random, 180), RigidTransformTest.uniform(random, 100),
                RigidTransformTest.uniform(random, 100), RigidTransformTest.uniform(random, 100));
    }

    private static void assertPoseEquals(Pose expected, Pose actual) {
        assertArrayEquals(new double[] {expected.rx(), expected.ry(), expected.rz(), expected.tx(), expected.ty(), expected.tz()},
                new double[] {actual.rx(), actual.ry(), actual.rz(), actual.tx(), actual.ty(), actual.tz()}, EPS,
                () -> expected + " vs " + actual);
    }

    @Test
    void eulerAnglesSurviveTheTripThroughAMatrix() {
        Random random = new Random(21);
        for (int i = 0; i < 10_000; i++) {
            Pose pose = randomPose(random);
            RigidTransform t = pose.toRigidTransform(CENTROID);
            assertPoseEquals(pose, Pose.fromRigidTransform(t, CENTROID));
            RigidTransform again = Pose.fromRigidTransform(RigidTransform.fromMatrix4(t.toMatrix4()), CENTROID).toRigidTransform(CENTROID);
            assertTrue(t.equalsWithin(again, EPS), pose::toString);
        }
    }

    @Test
    void gimbalLockPutsTheWholeInPlaneTurnIntoRx() {
        for (double ry : new double[] {90, -90}) {
            Pose locked = new Pose(30, ry, 25, 1, 2, 3);
            RigidTransform t = locked.toRigidTransform(CENTROID);
            Pose back = Pose.fromRigidTransform(t, CENTROID);
            assertEquals(0, back.rz(), EPS);
            assertEquals(ry, back.ry(), EPS);
            // At ry = +90 only rx − rz matters, at ry = −90 only rx + rz.
            assertEquals(ry > 0 ? 5 : 55, back.rx(), 1e-6);
            assertTrue(t.equalsWithin(back.toRigidTransform(CENTROID), EPS), back::toString);
        }
    }

    @Test
    void eachRotationTurnsRightHandedAboutItsPatientAxis() {
        // rx = 90 about L: S (0,0,1) goes to A (0,−1,0), A goes to I.
        Vector3 s = Pose.identity().rotation().rotate(Vector3.SUPERIOR);
        assertEquals(0, s.maxDifference(new Vector3(0, 0, 1)), EPS);
        assertEquals(0, new Pose(90, 0, 0, 0, 0, 0).rotation().rotate(Vector3.SUPERIOR).maxDifference(new Vector3(0, -1, 0)), EPS);
        // ry = 90 about P: S goes to L (1,0,0).
        assertEquals(0, new Pose(0, 90, 0, 0, 0, 0).rotation().rotate(Vector3.SUPERIOR).maxDifference(new Vector3(1, 0, 0)), EPS);
        // rz = 90 about S: L goes to P (0,1,0).
        assertEquals(0, new Pose(0, 0, 90, 0, 0, 0).rotation().rotate(Vector3.LEFT).maxDifference(new Vector3(0, 1, 0)), EPS);
    }

    @Test
    void rxActsBeforeRyBeforeRz() {
        // R = Rz·Ry·Rx on L: Rx keeps L, Ry(90) sends L to I (0,0,−1), Rz keeps I.
        Vector3 l = new Pose(90, 90, 90, 0, 0, 0).rotation().rotate(Vector3.LEFT);
        assertEquals(0, l.maxDifference(new Vector3(0, 0, -1)), EPS);
        // On S: Rx(90) gives A (0,−1,0), Ry keeps it, Rz(90) turns A into L (1,0,0).
        Vector3 s = new Pose(90, 90, 90, 0, 0, 0).rotation().rotate(Vector3.SUPERIOR);
        assertEquals(0, s.maxDifference(new Vector3(1, 0, 0)), EPS);
    }

    @Test
    void rotationsTurnAboutTheCentroidAndTheCentroidMovesByT() {
        Pose pose = new Pose(0, 0, 90, 1, 2, 3);
        RigidTransform t = pose.toRigidTransform(CENTROID);
        assertEquals(0, t.apply(CENTROID).maxDifference(CENTROID.plus(new Vector3(1, 2, 3))), EPS);
        // A point 10 mm left of the centroid ends 10 mm posterior of it, then shifted by t.
        Vector3 moved = t.apply(CENTROID.plus(new Vector3(10, 0, 0)));
        assertEquals(0, moved.maxDifference(CENTROID.plus(new Vector3(1, 12, 3))), EPS);
    }

    @Test
    void normalisationUses18DegreesAnd10Millimetres() {
        Pose unit = new Pose(18, 18, 18, 10, 10, 10);
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, unit.normalised(), EPS);
        assertArrayEquals(new double[] {-0.5, 0, 2, 0.1, -3, 0}, new Pose(-9, 0, 36, 1, -30, 0).normalised(), EPS);
        Pose any = randomPose(new Random(22));
        assertPoseEquals(any, Pose.fromNormalised(any.normalised()));
        assertThrows(IllegalArgumentException.class, () -> Pose.fromNormalised(new double[5]));
    }

    @Test
    void refusesNonFiniteParameters() {
        assertThrows(IllegalArgumentException.class, () -> new Pose(Double.NaN, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Pose(0, 0, 0, 0, 0, Double.NEGATIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> Pose.fromNormalised(new double[] {0, 0, 0, Double.NaN, 0, 0}));
    }

    @Test
    void errorsAreInDegreesAndMillimetres() {
        PoseError e = new Pose(179, 0, 10, 1, 2, 3).errorTo(new Pose(-179, 0, 7, 4, 2, -1));
        assertEquals(2, e.rxDegrees(), EPS);
        assertEquals(0, e.ryDegrees(), EPS);
        assertEquals(3, e.rzDegrees(), EPS);
        assertArrayEquals(new double[] {3, 0, 4}, new double[] {e.txMm(), e.tyMm(), e.tzMm()}, EPS);
        assertEquals(5, e.translationDistanceMm(), EPS);

        PoseError single = Pose.identity().errorTo(new Pose(0, 7, 0, 0, 0, 0));
        assertEquals(7, single.rotationAngleDegrees(), EPS);
        // Two turns about different axes: the relative angle is less than their sum.
        PoseError two = Pose.identity().errorTo(new Pose(3, 4, 0, 0, 0, 0));
        assertTrue(two.rotationAngleDegrees() > 4 && two.rotationAngleDegrees() < 7, two::toString);
        assertEquals(0, new Pose(10, 20, 30, 0, 0, 0).errorTo(new Pose(10, 20, 30, 0, 0, 0)).rotationAngleDegrees(), 1e-6);
    }
}
