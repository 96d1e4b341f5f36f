package org.vertreg.registration;

import java.util.Objects;
import org.vertreg.geometry.PoseError;

/**
 * How far one pose estimate is from the truth (DESIGN.md §4).
 *
 * @param mTreMm     mean target registration error: mean 3-D distance between the target points moved by the estimate
 *                   and by the truth, mm
 * @param mPdMm      mean projection distance: the same points projected by the C-arm, their distance on the detector
 *                   scaled to the isocentre plane, mm; infinite when the estimate puts a point behind the source
 * @param mae        mean absolute error of the six normalised pose parameters (rotations / 18°, translations / 10 mm)
 * @param parameters per-parameter errors in degrees and mm
 */
public record RegistrationError(double mTreMm, double mPdMm, double mae, PoseError parameters) {

    /** A registration is a success below this mTRE. */
    public static final double SUCCESS_MTRE_MM = 2.0;
    /** A registration is a gross failure above this mTRE. */
    public static final double GROSS_FAILURE_MTRE_MM = 10.0;
    /**
     * The capture range the network must deliver for intensity-based refinement to finish the job: mTRE and the angle
     * of the relative rotation both within these.
     */
    public static final double CAPTURE_MTRE_MM = 5.0;
    public static final double CAPTURE_ROTATION_DEGREES = 5.0;

    public RegistrationError {
        if (!(mTreMm >= 0) || Double.isInfinite(mTreMm) || !(mPdMm >= 0) || !(mae >= 0) || Double.isInfinite(mae)) {
            throw new IllegalArgumentException("errors are non-negative (mTRE " + mTreMm + ", mPD " + mPdMm + ", MAE " + mae + ")");
        }
        Objects.requireNonNull(parameters, "parameters");
    }

    public boolean success() {
        return mTreMm < SUCCESS_MTRE_MM;
    }

    public boolean grossFailure() {
        return mTreMm > GROSS_FAILURE_MTRE_MM;
    }

    public boolean withinCaptureRange() {
        return mTreMm <= CAPTURE_MTRE_MM && parameters.rotationAngleDegrees() <= CAPTURE_ROTATION_DEGREES;
    }
}
