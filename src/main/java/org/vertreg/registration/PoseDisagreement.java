package org.vertreg.registration;

import org.vertreg.geometry.Pose;
import org.vertreg.geometry.Vector3;

/**
 * How far apart two poses of one vertebra put it, in mm: the mean displacement between them of six points 20 mm from
 * the centroid along the patient axes, a stand-in for mTRE when there is no truth (the network's pose against the
 * refined one).
 */
public final class PoseDisagreement {
    /** Distance of the probe points from the centroid: about a lumbar vertebral body's half-width. */
    static final double RADIUS_MM = 20;
    private static final Vector3[] PROBES = {
        new Vector3(RADIUS_MM, 0, 0), new Vector3(-RADIUS_MM, 0, 0), new Vector3(0, RADIUS_MM, 0),
        new Vector3(0, -RADIUS_MM, 0), new Vector3(0, 0, RADIUS_MM), new Vector3(0, 0, -RADIUS_MM)};

    private PoseDisagreement() {
    }

    public static double mm(Pose a, Pose b) {
        double sum = 0;
        for (Vector3 p : PROBES) {
            sum += a.toRigidTransform(Vector3.ZERO).apply(p).minus(b.toRigidTransform(Vector3.ZERO).apply(p)).norm();
        }
        return sum / PROBES.length;
    }
}
