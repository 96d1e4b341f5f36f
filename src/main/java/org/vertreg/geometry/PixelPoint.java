package org.vertreg.geometry;

/**
 * A continuous position on the detector in pixel units: integer values are pixel centres, (0, 0) is the centre of
 * the first pixel of the first row as stored in Pixel Data; column grows to the image's right, row grows downward.
 */
public record PixelPoint(double column, double row) {

    public PixelPoint {
        if (!Double.isFinite(column) || !Double.isFinite(row)) {
            throw new IllegalArgumentException("Pixel coordinates must be finite: (" + column + ", " + row + ")");
        }
    }
}
