package org.vertreg.drr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.PixelPoint;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.RigidTransform;
import org.vertreg.geometry.Vector3;

class PoseProjectionTest {

    static final Vector3 CENTROID = new Vector3(12.5, -40.25, 310.0);

    @Test
    void identityPoseIsTheCarmsOwnGeometry() {
        CarmGeometry carm = CarmGeometry.defaults(CENTROID).withPositionerAngles(25, -10);
        ProjectionGeometry g = PoseProjection.inCtFrame(carm, CENTROID, Pose.identity());
        assertEquals(PoseProjection.of(carm), g);
        assertArrayEquals(new double[] {carm.source().x(), carm.source().y(), carm.source().z()}, g.source(), 0.0);
        Vector3 p00 = carm.pixelPosition(0, 0);
        assertArrayEquals(new double[] {p00.x(), p00.y(), p00.z()}, g.detectorOrigin(), 0.0);
        assertEquals(carm.columns(), g.columns());
        assertEquals(carm.rows(), g.rows());
        assertEquals(carm.pixelSpacingMm(), g.pixelSpacingU(), 0.0);
        assertEquals(carm.pixelSpacingMm(), g.pixelSpacingV(), 0.0);
    }

    @Test
    void ctPointsLandWhereTheMovedVertebraProjects() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int trial = 0; trial < 50; trial++) {
            Pose pose = new Pose(rnd.nextDouble(-18, 18), rnd.nextDouble(-18, 18), rnd.nextDouble(-18, 18),
                    rnd.nextDouble(-10, 10), rnd.nextDouble(-10, 10), rnd.nextDouble(-10, 10));
            CarmGeometry carm = CarmGeometry.defaults(CENTROID).withPositionerAngles(rnd.nextDouble(-30, 30), rnd.nextDouble(-20, 20));
            RigidTransform t = pose.toRigidTransform(CENTROID);
            ProjectionGeometry g = PoseProjection.inCtFrame(carm, CENTROID, pose);
            for (int k = 0; k < 20; k++) {
                Vector3 p = CENTROID.plus(new Vector3(rnd.nextDouble(-40, 40), rnd.nextDouble(-40, 40), rnd.nextDouble(-40, 40)));
                PixelPoint expected = carm.project(t.apply(p));
                double[] actual = intersect(g, p);
                assertEquals(expected.column(), actual[0], 1e-9, "column, pose " + pose);
                assertEquals(expected.row(), actual[1], 1e-9, "row, pose " + pose);
            }
        }
    }

    /** Pixel (column, row) where the ray from the source through p meets the detector plane. */
    static double[] intersect(ProjectionGeometry g, Vector3 p) {
        double[] s = g.source(), o = g.detectorOrigin(), u = g.u(), v = g.v();
        double[] n = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
        double[] d = {p.x() - s[0], p.y() - s[1], p.z() - s[2]};
        double lambda = ((o[0] - s[0]) * n[0] + (o[1] - s[1]) * n[1] + (o[2] - s[2]) * n[2]) / (d[0] * n[0] + d[1] * n[1] + d[2] * n[2]);
        double[] hit = {s[0] + lambda * d[0] - o[0], s[1] + lambda * d[1] - o[1], s[2] + lambda * d[2] - o[2]};
        return new double[] {
            (hit[0] * u[0] + hit[1] * u[1] + hit[2] * u[2]) / g.pixelSpacingU(),
            (hit[0] * v[0] + hit[1] * v[1] + hit[2] * v[2]) / g.pixelSpacingV()};
    }
}
