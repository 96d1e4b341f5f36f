package org.vertreg.registration;

import java.util.List;
import java.util.Objects;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.PixelPoint;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.RigidTransform;
import org.vertreg.geometry.Vector3;

/**
 * Scores pose estimates of one vertebra against the truth (DESIGN.md §4): mTRE, mPD, MAE and per-parameter errors.
 * Both poses act on the target points through {@link Pose#toRigidTransform} about the vertebra's centroid, and mPD uses
 * the C-arm the X-ray was taken with. Immutable and thread-safe.
 */
public final class RegistrationMetrics {
    private final TargetPoints targets;
    private final Vector3 centroid;
    private final CarmGeometry carm;

    /**
     * @param targets  target points in the CT frame (LPS, mm)
     * @param centroid the vertebra's centroid, the centre of the poses' rotations
     * @param carm     the C-arm at the identity pose, as the X-ray was taken
     */
    public RegistrationMetrics(TargetPoints targets, Vector3 centroid, CarmGeometry carm) {
        this.targets = Objects.requireNonNull(targets, "targets");
        this.centroid = Objects.requireNonNull(centroid, "centroid");
        this.carm = Objects.requireNonNull(carm, "carm");
    }

    public RegistrationError error(Pose estimate, Pose truth) {
        RigidTransform est = estimate.toRigidTransform(centroid);
        RigidTransform tru = truth.toRigidTransform(centroid);
        // Detector mm back to the isocentre plane: one detector mm is SOD/SDD mm there.
        double toIsocentreMm = carm.pixelSpacingMm() / carm.magnification();
        List<Vector3> points = targets.points();
        double tre = 0, pd = 0;
        for (Vector3 p : points) {
            Vector3 a = est.apply(p), b = tru.apply(p);
            tre += a.minus(b).norm();
            pd += projectedDistancePixels(a, b) * toIsocentreMm;
        }
        int n = points.size();
        double[] e = estimate.normalised(), t = truth.normalised();
        double mae = 0;
        for (int i = 0; i < e.length; i++) {
            mae += Math.abs(e[i] - t[i]);
        }
        return new RegistrationError(tre / n, pd / n, mae / e.length, truth.errorTo(estimate));
    }

    /** Distance between the images of two points in pixels; infinite when either has no image (behind the source). */
    private double projectedDistancePixels(Vector3 a, Vector3 b) {
        if (!inFrontOfSource(a) || !inFrontOfSource(b)) {
            return Double.POSITIVE_INFINITY;
        }
        PixelPoint pa = carm.project(a), pb = carm.project(b);
        return Math.hypot(pa.column() - pb.column(), pa.row() - pb.row());
    }

    private boolean inFrontOfSource(Vector3 p) {
        return p.minus(carm.source()).dot(carm.beamDirection()) > 0;
    }

    public TargetPoints targets() {
        return targets;
    }

    public Vector3 centroid() {
        return centroid;
    }

    public CarmGeometry carm() {
        return carm;
    }
}
