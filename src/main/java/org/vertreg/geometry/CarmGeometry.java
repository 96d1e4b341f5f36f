package org.vertreg.geometry;

import java.util.Objects;

/**
 * A pinhole C-arm, DESIGN.md §2: a point source and a flat detector facing it, turning together about the isocentre
 * (the vertebra's centroid at the identity pose). All positions are patient coordinates (LPS, mm).
 *
 * <p>Reference view (positioner angles 0/0): antero-posterior as a C-arm stands with the tube under the table. The
 * source is posterior of the patient at isocentre + SOD·(0, +1, 0); the detector is anterior, its centre at
 * isocentre − (SDD − SOD)·(0, +1, 0); the beam runs toward anterior. The image is seen as from the source looking
 * toward the detector, upright: increasing column points to the patient's right (−x), increasing row to the feet
 * (−z), so Patient Orientation (0020,0020) is {@code R\F}. Column axis × row axis = beam direction.
 *
 * <p>Positioner angles follow DICOM's XA definitions, describing where the detector is: the primary angle turns the
 * pair about the patient's S axis, +90° putting the detector at the patient's left (LAO) and so the source at the
 * right; the secondary angle then tilts it in the sagittal plane, +90° putting the detector toward the head
 * (cranial). Detector direction from the isocentre: (cos β·sin α, −cos β·cos α, sin β).
 */
public final class CarmGeometry {

    public static final double DEFAULT_SOURCE_TO_DETECTOR_MM = 1000.0;
    public static final double DEFAULT_SOURCE_TO_ISOCENTRE_MM = 600.0;
    public static final int DEFAULT_COLUMNS = 128;
    public static final int DEFAULT_ROWS = 128;
    public static final double DEFAULT_PIXEL_SPACING_MM = 1.0;

    /** Patient Orientation (0020,0020) of the reference view: rows run to the patient's right, columns to the feet. */
    public static final String REFERENCE_PATIENT_ORIENTATION = "R\\F";

    /** Smallest direction-cosine component that still earns a letter in Patient Orientation. */
    private static final double ORIENTATION_COMPONENT_MIN = 1e-6;

    private final double sourceToDetectorMm;
    private final double sourceToIsocentreMm;
    private final int columns;
    private final int rows;
    private final double pixelSpacingMm;
    private final Vector3 isocentre;
    private final double primaryAngleDegrees;
    private final double secondaryAngleDegrees;
    // Derived frame, fixed at construction because projection is called per voxel or per pixel.
    private final Vector3 beam;
    private final Vector3 columnAxis;
    private final Vector3 rowAxis;
    private final Vector3 source;
    private final Vector3 detectorCentre;

    public CarmGeometry(double sourceToDetectorMm, double sourceToIsocentreMm, int columns, int rows, double pixelSpacingMm,
            Vector3 isocentre, double primaryAngleDegrees, double secondaryAngleDegrees) {
        if (!(sourceToIsocentreMm > 0) || !(sourceToDetectorMm > sourceToIsocentreMm) || !Double.isFinite(sourceToDetectorMm)) {
            throw new IllegalArgumentException("Need source-to-detector > source-to-isocentre > 0 (finite), got SDD "
                    + sourceToDetectorMm + " mm, SOD " + sourceToIsocentreMm + " mm");
        }
        if (columns < 1 || rows < 1) {
            throw new IllegalArgumentException("Detector needs at least one column and row, got " + columns + "x" + rows);
        }
        if (!(pixelSpacingMm > 0) || !Double.isFinite(pixelSpacingMm)) {
            throw new IllegalArgumentException("Pixel spacing must be positive and finite, got " + pixelSpacingMm);
        }
        if (isocentre == null) {
            throw new IllegalArgumentException("Isocentre is missing");
        }
        if (!(Math.abs(primaryAngleDegrees) <= 180)) {
            throw new IllegalArgumentException("Positioner primary angle must be within ±180°, got " + primaryAngleDegrees);
        }
        if (!(Math.abs(secondaryAngleDegrees) <= 90)) {
            throw new IllegalArgumentException("Positioner secondary angle must be within ±90°, got " + secondaryAngleDegrees);
        }
        this.sourceToDetectorMm = sourceToDetectorMm;
        this.sourceToIsocentreMm = sourceToIsocentreMm;
        this.columns = columns;
        this.rows = rows;
        this.pixelSpacingMm = pixelSpacingMm;
        this.isocentre = isocentre;
        this.primaryAngleDegrees = primaryAngleDegrees;
        this.secondaryAngleDegrees = secondaryAngleDegrees;

        // Reference frame turned by Rz(α)·Rx(−β): Rz(α) swings anterior toward left, Rx(−β) tilts anterior toward head.
        double a = Math.toRadians(primaryAngleDegrees);
        double b = Math.toRadians(secondaryAngleDegrees);
        double ca = Math.cos(a), sa = Math.sin(a), cb = Math.cos(b), sb = Math.sin(b);
        this.beam = new Vector3(cb * sa, -cb * ca, sb);
        this.columnAxis = new Vector3(-ca, -sa, 0);
        this.rowAxis = new Vector3(sa * sb, -ca * sb, -cb);
        this.source = isocentre.minus(beam.times(sourceToIsocentreMm));
        this.detectorCentre = isocentre.plus(beam.times(sourceToDetectorMm - sourceToIsocentreMm));
    }

    /** The default C-arm (SDD 1000 mm, SOD 600 mm, 128×128 pixels of 1.0 mm) in the reference view. */
    public static CarmGeometry defaults(Vector3 isocentre) {
        return new CarmGeometry(DEFAULT_SOURCE_TO_DETECTOR_MM, DEFAULT_SOURCE_TO_ISOCENTRE_MM, DEFAULT_COLUMNS, DEFAULT_ROWS,
                DEFAULT_PIXEL_SPACING_MM, isocentre, 0, 0);
    }

    public CarmGeometry withPositionerAngles(double primaryDegrees, double secondaryDegrees) {
        return new CarmGeometry(sourceToDetectorMm, sourceToIsocentreMm, columns, rows, pixelSpacingMm, isocentre,
                primaryDegrees, secondaryDegrees);
    }

    public CarmGeometry withIsocentre(Vector3 newIsocentre) {
        return new CarmGeometry(sourceToDetectorMm, sourceToIsocentreMm, columns, rows, pixelSpacingMm, newIsocentre,
                primaryAngleDegrees, secondaryAngleDegrees);
    }

    public double sourceToDetectorMm() {
        return sourceToDetectorMm;
    }

    public double sourceToIsocentreMm() {
        return sourceToIsocentreMm;
    }

    public int columns() {
        return columns;
    }

    public int rows() {
        return rows;
    }

    public double pixelSpacingMm() {
        return pixelSpacingMm;
    }

    public Vector3 isocentre() {
        return isocentre;
    }

    public double primaryAngleDegrees() {
        return primaryAngleDegrees;
    }

    public double secondaryAngleDegrees() {
        return secondaryAngleDegrees;
    }

    public Vector3 source() {
        return source;
    }

    public Vector3 detectorCentre() {
        return detectorCentre;
    }

    /** Unit vector from the source toward the detector centre. */
    public Vector3 beamDirection() {
        return beam;
    }

    /** Unit vector along a detector row: the way increasing column runs, in patient space. */
    public Vector3 columnAxis() {
        return columnAxis;
    }

    /** Unit vector along a detector column: the way increasing row runs, in patient space. */
    public Vector3 rowAxis() {
        return rowAxis;
    }

    /** Pixel coordinates of the detector centre: ((columns − 1)/2, (rows − 1)/2). */
    public PixelPoint centrePixel() {
        return new PixelPoint((columns - 1) / 2.0, (rows - 1) / 2.0);
    }

    /** Patient-space position of a (possibly fractional) pixel position on the detector. */
    public Vector3 pixelPosition(double column, double row) {
        PixelPoint c = centrePixel();
        return detectorCentre.plus(columnAxis.times((column - c.column()) * pixelSpacingMm))
                .plus(rowAxis.times((row - c.row()) * pixelSpacingMm));
    }

    /**
     * Where the ray from the source through {@code point} meets the detector, in continuous pixel coordinates (it may
     * fall outside the detector). Refuses points not in front of the source, which have no image.
     */
    public PixelPoint project(Vector3 point) {
        Vector3 fromSource = point.minus(source);
        double depth = fromSource.dot(beam);
        if (!(depth > 0)) {
            throw new IllegalArgumentException("Point " + point + " is not in front of the source");
        }
        double scale = sourceToDetectorMm / depth / pixelSpacingMm;
        PixelPoint c = centrePixel();
        return new PixelPoint(c.column() + fromSource.dot(columnAxis) * scale, c.row() + fromSource.dot(rowAxis) * scale);
    }

    /** Magnification of objects in the plane through the isocentre parallel to the detector: SDD / SOD. */
    public double magnification() {
        return sourceToDetectorMm / sourceToIsocentreMm;
    }

    /** Size in mm that one detector pixel covers in the isocentre plane: spacing · SOD / SDD. */
    public double pixelSizeAtIsocentreMm() {
        return pixelSpacingMm * sourceToIsocentreMm / sourceToDetectorMm;
    }

    /** Patient Orientation (0020,0020) for this view, e.g. {@code R\F}; oblique axes get letters by decreasing weight. */
    public String patientOrientation() {
        return orientationCode(columnAxis) + "\\" + orientationCode(rowAxis);
    }

    private static String orientationCode(Vector3 d) {
        double[] w = {Math.abs(d.x()), Math.abs(d.y()), Math.abs(d.z())};
        String[] letters = {d.x() > 0 ? "L" : "R", d.y() > 0 ? "P" : "A", d.z() > 0 ? "H" : "F"};
        Integer[] order = {0, 1, 2};
        java.util.Arrays.sort(order, (i, j) -> Double.compare(w[j], w[i]));
        StringBuilder code = new StringBuilder();
        for (int i : order) {
            if (w[i] > ORIENTATION_COMPONENT_MIN) {
                code.append(letters[i]);
            }
        }
        return code.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CarmGeometry g && sourceToDetectorMm == g.sourceToDetectorMm
                && sourceToIsocentreMm == g.sourceToIsocentreMm && columns == g.columns && rows == g.rows
                && pixelSpacingMm == g.pixelSpacingMm && isocentre.equals(g.isocentre)
                && primaryAngleDegrees == g.primaryAngleDegrees && secondaryAngleDegrees == g.secondaryAngleDegrees;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourceToDetectorMm, sourceToIsocentreMm, columns, rows, pixelSpacingMm, isocentre,
                primaryAngleDegrees, secondaryAngleDegrees);
    }

    @Override
    public String toString() {
        return "CarmGeometry[SDD=" + sourceToDetectorMm + " mm, SOD=" + sourceToIsocentreMm + " mm, " + columns + "x" + rows
                + " px of " + pixelSpacingMm + " mm, isocentre=" + isocentre + ", primary=" + primaryAngleDegrees
                + "°, secondary=" + secondaryAngleDegrees + "°]";
    }
}
