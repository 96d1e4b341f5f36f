package org.vertreg.geometry;

/**
 * The difference between two poses: per-axis absolute differences of the parameters (degrees, taken around the
 * circle; mm), the angle of the relative rotation in degrees, and the distance between the centroid positions in mm.
 * Per-axis angle differences depend on the Euler convention; the relative rotation angle does not.
 */
public record PoseError(double rxDegrees, double ryDegrees, double rzDegrees, double txMm, double tyMm, double tzMm,
        double rotationAngleDegrees, double translationDistanceMm) {

    public PoseError {
        double[] all = {rxDegrees, ryDegrees, rzDegrees, txMm, tyMm, tzMm, rotationAngleDegrees, translationDistanceMm};
        for (double v : all) {
            if (!Double.isFinite(v) || v < 0) {
                throw new IllegalArgumentException("Pose errors are finite and non-negative: " + java.util.Arrays.toString(all));
            }
        }
    }
}
