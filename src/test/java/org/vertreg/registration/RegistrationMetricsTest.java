package org.vertreg.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.PoseError;
import org.vertreg.geometry.Vector3;

class RegistrationMetricsTest {
    private static final Vector3 C = new Vector3(10, -20, 30);
    private static final CarmGeometry CARM = CarmGeometry.defaults(C);

    private static RegistrationMetrics metrics(Vector3... offsets) {
        return new RegistrationMetrics(TargetPoints.of(java.util.Arrays.stream(offsets).map(C::plus).toList()), C, CARM);
    }

    @Test
    void identicalPosesHaveNoError() {
        Pose p = new Pose(7, -3, 12, 4, -2, 9);
        RegistrationError e = metrics(new Vector3(5, 0, 0), new Vector3(-3, 8, 2), new Vector3(0, -11, 6)).error(p, p);
        assertEquals(0, e.mTreMm(), 1e-12);
        assertEquals(0, e.mPdMm(), 1e-12);
        assertEquals(0, e.mae(), 0);
        assertEquals(0, e.parameters().rotationAngleDegrees(), 1e-6);
        assertEquals(0, e.parameters().translationDistanceMm(), 0);
        assertTrue(e.success());
    }

    @Test
    void aPureTranslationOf3MmIsAnMtreOf3MmWhateverThePoints() {
        RegistrationMetrics m = metrics(new Vector3(5, 0, 0), new Vector3(-3, 8, 2), new Vector3(0, -11, 6), Vector3.ZERO);
        assertEquals(3, m.error(new Pose(0, 0, 0, 3, 0, 0), Pose.identity()).mTreMm(), 1e-12);
        // the same offset on top of a rotated truth: both poses turn the points alike, only the shift remains
        Pose truth = new Pose(10, -5, 15, 1, 2, 3);
        RegistrationError e = m.error(new Pose(10, -5, 15, 1, 5, 3), truth);
        assertEquals(3, e.mTreMm(), 1e-9);
        assertEquals(3, e.parameters().tyMm(), 1e-12);
        assertEquals(0, e.parameters().txMm(), 0);
        assertEquals(0.3 / 6, e.mae(), 1e-12);
        assertFalse(e.success());
    }

    @Test
    void aRotationAboutTheCentroidMovesEachPointByTheChordOfItsCircle() {
        // rz = 60°: a point 5 mm off the z axis through the centroid moves by 2·5·sin 30° = 5 mm, a point on the axis stays
        RegistrationMetrics m = metrics(new Vector3(5, 0, 0), new Vector3(0, 0, 7));
        RegistrationError e = m.error(new Pose(0, 0, 60, 0, 0, 0), Pose.identity());
        assertEquals(2.5, e.mTreMm(), 1e-9);
        assertEquals(60, e.parameters().rzDegrees(), 1e-9);
        assertEquals(60, e.parameters().rotationAngleDegrees(), 1e-9);
        // rx = 90°: (0, 3, 4) lies 5 mm from the x axis and moves by 5·√2
        assertEquals(5 * Math.sqrt(2), metrics(new Vector3(0, 3, 4)).error(new Pose(90, 0, 0, 0, 0, 0), Pose.identity()).mTreMm(),
                1e-9);
    }

    @Test
    void maeIsTheMeanAbsoluteDifferenceOfTheNormalisedParameters() {
        // normalised differences 0.5, 0, 1, 0.5, 0, 1 → mean 0.5
        RegistrationError e = metrics(Vector3.ZERO).error(new Pose(9, 0, -18, 5, 0, 0), new Pose(0, 0, 0, 0, 0, -10));
        assertEquals(0.5, e.mae(), 1e-12);
        PoseError p = e.parameters();
        assertEquals(9, p.rxDegrees(), 1e-12);
        assertEquals(18, p.rzDegrees(), 1e-12);
        assertEquals(5, p.txMm(), 1e-12);
        assertEquals(10, p.tzMm(), 1e-12);
    }

    @Test
    void anInPlaneTranslationProjectsToItsOwnLengthInTheIsocentrePlane() {
        // points in the plane through the isocentre parallel to the detector (the AP view looks along y)
        RegistrationMetrics inPlane = metrics(Vector3.ZERO, new Vector3(12, 0, -7), new Vector3(-20, 0, 15));
        RegistrationError e = inPlane.error(new Pose(0, 0, 0, 3, 0, 0), Pose.identity());
        assertEquals(3, e.mPdMm(), 1e-9);
        assertEquals(e.mTreMm(), e.mPdMm(), 1e-9);
        assertEquals(5, inPlane.error(new Pose(0, 0, 0, 3, 0, 4), Pose.identity()).mPdMm(), 1e-9);
        // 60 mm anterior, i.e. 660 mm from the source, the same shift looks smaller: 3·600/660
        assertEquals(3 * 600.0 / 660, metrics(new Vector3(0, -60, 0)).error(new Pose(0, 0, 0, 3, 0, 0), Pose.identity()).mPdMm(),
                1e-9);
        // along the central ray the centroid stays on the same pixel
        RegistrationError depth = metrics(Vector3.ZERO).error(new Pose(0, 0, 0, 0, 8, 0), Pose.identity());
        assertEquals(0, depth.mPdMm(), 1e-9);
        assertEquals(8, depth.mTreMm(), 1e-12);
    }

    @Test
    void aPointPutBehindTheSourceHasAnInfiniteProjectionDistance() {
        RegistrationError e = metrics(Vector3.ZERO).error(new Pose(0, 0, 0, 0, 700, 0), Pose.identity());
        assertEquals(Double.POSITIVE_INFINITY, e.mPdMm());
        assertEquals(700, e.mTreMm(), 1e-9);
        assertTrue(e.grossFailure());
    }

    @Test
    void successAndGrossFailureThresholds() {
        PoseError none = Pose.identity().errorTo(Pose.identity());
        assertTrue(new RegistrationError(1.999, 0, 0, none).success());
        assertFalse(new RegistrationError(2.0, 0, 0, none).success());
        assertFalse(new RegistrationError(10.0, 0, 0, none).grossFailure());
        assertTrue(new RegistrationError(10.001, 0, 0, none).grossFailure());
    }
}
