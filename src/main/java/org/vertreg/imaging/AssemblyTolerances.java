package org.vertreg.imaging;

/**
 * How far a series may stray from a perfect slice stack and still be assembled into a {@link Volume}.
 *
 * @param orientation largest difference of any Image Orientation (Patient) cosine from the first slice's, and
 *     largest departure of the cosines from orthonormal (default 1e-3, about 0.06°)
 * @param pixelSpacingRelative largest relative difference of Pixel Spacing from the first slice's (default 1e-4:
 *     a twentieth of a pixel across 512 pixels)
 * @param spacingMm absolute slack on each gap between consecutive slices, and the distance under which two
 *     slices count as the same position (default 0.05 mm)
 * @param spacingRelative relative slack on each gap, as a fraction of the median gap; the larger of the two
 *     slacks applies (default 0.01, i.e. 1 %)
 * @param maxGapRatio a gap larger than this multiple of the median gap means slices are missing (default 1.5)
 * @param inPlaneShiftMm largest offset of a slice's position from the first slice's, perpendicular to the slice
 *     normal; more means a tilted (gantry tilt) or shifted stack that a {@link VolumeGrid} cannot describe
 *     (default 0.1 mm: positions written with one decimal still pass)
 */
public record AssemblyTolerances(double orientation, double pixelSpacingRelative, double spacingMm,
        double spacingRelative, double maxGapRatio, double inPlaneShiftMm) {

    public static final AssemblyTolerances DEFAULT = new AssemblyTolerances(1e-3, 1e-4, 0.05, 0.01, 1.5, 0.1);

    public AssemblyTolerances {
        if (!(orientation >= 0 && pixelSpacingRelative >= 0 && spacingMm >= 0 && spacingRelative >= 0
                && inPlaneShiftMm >= 0)) {
            throw new IllegalArgumentException("tolerances must be non-negative");
        }
        if (!(maxGapRatio > 1)) {
            throw new IllegalArgumentException("max gap ratio must exceed 1: " + maxGapRatio);
        }
    }

    /** The three tolerances the archive configures (vertreg.archive.*); the others keep their defaults. */
    public static AssemblyTolerances of(double spacingMm, double orientation, double maxGapRatio) {
        return new AssemblyTolerances(orientation, DEFAULT.pixelSpacingRelative, spacingMm, DEFAULT.spacingRelative,
                maxGapRatio, DEFAULT.inPlaneShiftMm);
    }

    /** The slack allowed on a gap between consecutive slices when the median gap is {@code medianMm}. */
    public double spacingSlackMm(double medianMm) {
        return Math.max(spacingMm, spacingRelative * medianMm);
    }
}
