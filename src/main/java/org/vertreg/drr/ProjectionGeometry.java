package org.vertreg.drr;

import java.util.Arrays;

/**
 * Where a projection's rays go: a point source and a flat detector, all in DICOM patient coordinates
 * (LPS, mm). This is the renderer's whole view of the world; how a C-arm and a pose produce it is
 * decided elsewhere.
 *
 * <p>Detector pixel (column c, row r) has its centre at {@code detectorOrigin + c·pixelSpacingU·u +
 * r·pixelSpacingV·v}: the origin is the centre of pixel (0, 0), u points along increasing columns and
 * v along increasing rows. Images are stored row-major, pixel (c, r) at {@code r·columns + c}.
 *
 * @param source         X-ray source position (LPS, mm)
 * @param detectorOrigin centre of detector pixel (0, 0) (LPS, mm)
 * @param u              unit vector of increasing column
 * @param v              unit vector of increasing row, perpendicular to u
 * @param pixelSpacingU  pixel pitch along u (mm)
 * @param pixelSpacingV  pixel pitch along v (mm)
 * @param columns        detector columns
 * @param rows           detector rows
 */
public record ProjectionGeometry(double[] source, double[] detectorOrigin, double[] u, double[] v, double pixelSpacingU,
        double pixelSpacingV, int columns, int rows) {

    private static final double UNIT_TOLERANCE = 1e-6;

    public ProjectionGeometry {
        requireFinite3("source", source);
        requireFinite3("detectorOrigin", detectorOrigin);
        requireFinite3("u", u);
        requireFinite3("v", v);
        if (Math.abs(norm(u) - 1) > UNIT_TOLERANCE || Math.abs(norm(v) - 1) > UNIT_TOLERANCE) {
            throw new IllegalArgumentException("u and v must be unit vectors: " + Arrays.toString(u) + ", " + Arrays.toString(v));
        }
        if (Math.abs(dot(u, v)) > UNIT_TOLERANCE) {
            throw new IllegalArgumentException("u and v must be perpendicular: " + Arrays.toString(u) + ", " + Arrays.toString(v));
        }
        if (!(pixelSpacingU > 0) || !(pixelSpacingV > 0) || Double.isInfinite(pixelSpacingU) || Double.isInfinite(pixelSpacingV)) {
            throw new IllegalArgumentException("pixel spacing must be positive and finite: " + pixelSpacingU + ", " + pixelSpacingV);
        }
        if (columns <= 0 || rows <= 0) {
            throw new IllegalArgumentException("detector size must be positive: " + columns + "x" + rows);
        }
        double[] n = cross(u, v);
        double sourceToPlane = (source[0] - detectorOrigin[0]) * n[0] + (source[1] - detectorOrigin[1]) * n[1]
                + (source[2] - detectorOrigin[2]) * n[2];
        if (Math.abs(sourceToPlane) < UNIT_TOLERANCE) {
            throw new IllegalArgumentException("the source lies in the detector plane");
        }
        source = source.clone();
        detectorOrigin = detectorOrigin.clone();
        u = u.clone();
        v = v.clone();
    }

    @Override
    public double[] source() {
        return source.clone();
    }

    @Override
    public double[] detectorOrigin() {
        return detectorOrigin.clone();
    }

    @Override
    public double[] u() {
        return u.clone();
    }

    @Override
    public double[] v() {
        return v.clone();
    }

    public int pixelCount() {
        return columns * rows;
    }

    /** LPS position (mm) of the centre of detector pixel (column, row); fractional positions allowed. */
    public double[] pixelCentre(double column, double row) {
        double a = column * pixelSpacingU, b = row * pixelSpacingV;
        return new double[] {
            detectorOrigin[0] + a * u[0] + b * v[0],
            detectorOrigin[1] + a * u[1] + b * v[1],
            detectorOrigin[2] + a * u[2] + b * v[2],
        };
    }

    /** Unit vector from the source towards the centre of detector pixel (column, row). */
    public double[] rayDirection(double column, double row) {
        double[] p = pixelCentre(column, row);
        double dx = p[0] - source[0], dy = p[1] - source[1], dz = p[2] - source[2];
        double len = Math.sqrt(dx * dx + dy * dy + dz * dz);
        return new double[] {dx / len, dy / len, dz / len};
    }

    /** Unit normal of the detector plane, u × v. */
    public double[] detectorNormal() {
        return cross(u, v);
    }

    private static void requireFinite3(String name, double[] a) {
        if (a == null || a.length != 3) {
            throw new IllegalArgumentException(name + " needs 3 values");
        }
        for (double x : a) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException(name + " must be finite: " + Arrays.toString(a));
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProjectionGeometry g && Arrays.equals(source, g.source) && Arrays.equals(detectorOrigin, g.detectorOrigin)
                && Arrays.equals(u, g.u) && Arrays.equals(v, g.v) && pixelSpacingU == g.pixelSpacingU
                && pixelSpacingV == g.pixelSpacingV && columns == g.columns && rows == g.rows;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {Arrays.hashCode(source), Arrays.hashCode(detectorOrigin), Arrays.hashCode(u),
            Arrays.hashCode(v), Double.hashCode(pixelSpacingU), Double.hashCode(pixelSpacingV), columns, rows});
    }

    @Override
    public String toString() {
        return "source " + Arrays.toString(source) + ", detector " + columns + "x" + rows + " at " + Arrays.toString(detectorOrigin)
                + " u " + Arrays.toString(u) + " v " + Arrays.toString(v) + " spacing " + pixelSpacingU + "x" + pixelSpacingV;
    }
}
