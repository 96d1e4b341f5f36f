package org.vertreg.imaging;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An X-ray as read from its file: grey 0–255 with bone bright (like our DRRs), row-major, and the geometry it was taken
 * with.
 *
 * <p>Pixel (c, r) is {@code grey[r·columns + c]}; the array is not copied. Spacings are at the detector plane:
 * {@code columnSpacingMm} is the distance between adjacent columns (along a row), {@code rowSpacingMm} between adjacent
 * rows. Distances and angles mean what they mean in {@code CarmGeometry}: source to detector, source to isocentre
 * (DICOM's Distance Source to Patient), Positioner Primary Angle in [−180°, 180°] and Secondary Angle in [−90°, 90°].
 * {@code patientOrientation} is Patient Orientation (0020,0020) as {@code CarmGeometry} writes it, e.g. {@code R\F}:
 * the direction of increasing column, a backslash, the direction of increasing row. {@code notes} say, in sentences,
 * every default used and every choice made in reading the file.
 */
public record Radiograph(float[] grey, int columns, int rows, double columnSpacingMm, double rowSpacingMm,
        double sourceToDetectorMm, double sourceToIsocentreMm, double primaryAngleDegrees, double secondaryAngleDegrees,
        String patientOrientation, List<String> notes) {

    /** One or more of L, R, A, P, H, F (dominant first) for each of the two image axes. */
    private static final Pattern ORIENTATION = Pattern.compile("[LRAPHF]{1,3}\\\\[LRAPHF]{1,3}");

    public Radiograph {
        if (columns < 1 || rows < 1) {
            throw new IllegalArgumentException("an X-ray needs at least one column and row, got " + columns + "x" + rows);
        }
        if (grey == null || grey.length != (long) columns * rows) {
            throw new IllegalArgumentException("expected " + (long) columns * rows + " grey values, got "
                    + (grey == null ? "none" : grey.length));
        }
        for (float g : grey) {
            if (!(g >= 0 && g <= 255)) {
                throw new IllegalArgumentException("grey values must lie in 0..255, found " + g);
            }
        }
        if (!positive(columnSpacingMm) || !positive(rowSpacingMm)) {
            throw new IllegalArgumentException("pixel spacings must be positive and finite, got " + columnSpacingMm + " (columns), "
                    + rowSpacingMm + " (rows) mm");
        }
        if (!positive(sourceToIsocentreMm) || !(sourceToDetectorMm > sourceToIsocentreMm) || !Double.isFinite(sourceToDetectorMm)) {
            throw new IllegalArgumentException("need source-to-detector > source-to-isocentre > 0 (finite), got SDD "
                    + sourceToDetectorMm + " mm, SOD " + sourceToIsocentreMm + " mm");
        }
        if (!(Math.abs(primaryAngleDegrees) <= 180) || !(Math.abs(secondaryAngleDegrees) <= 90)) {
            throw new IllegalArgumentException("positioner angles must lie within ±180° (primary) and ±90° (secondary), got "
                    + primaryAngleDegrees + "°, " + secondaryAngleDegrees + "°");
        }
        if (patientOrientation == null || !ORIENTATION.matcher(patientOrientation).matches()) {
            throw new IllegalArgumentException("Patient Orientation must be two codes of L, R, A, P, H, F such as R\\F, got "
                    + patientOrientation);
        }
        notes = List.copyOf(notes);
    }

    private static boolean positive(double v) {
        return v > 0 && Double.isFinite(v);
    }
}
