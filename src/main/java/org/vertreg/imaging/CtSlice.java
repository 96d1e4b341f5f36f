package org.vertreg.imaging;

import java.util.Arrays;

/**
 * One CT image plane in Hounsfield units with its DICOM geometry (LPS, mm).
 *
 * <p>{@code imageOrientation} is Image Orientation (Patient): the row cosines (direction of increasing column
 * index) followed by the column cosines (direction of increasing row index). {@code pixelSpacing} is Pixel
 * Spacing as DICOM gives it: the distance between rows, then the distance between columns. Pixel (row, col) has
 * its centre at {@code imagePosition + col·pixelSpacing[1]·rowCosines + row·pixelSpacing[0]·columnCosines}.
 *
 * @param instanceNumber Instance Number, null when the file leaves it empty (it is Type 2)
 * @param frameNumber 1 for a single-frame image, the frame's number (from 1) in a multi-frame image
 * @param sliceThickness Slice Thickness in mm, null when absent
 * @param hu row-major {@code rows × columns} HU values; not copied
 */
public record CtSlice(String sopInstanceUid, Integer instanceNumber, int frameNumber, int rows, int columns,
        double[] imagePosition, double[] imageOrientation, double[] pixelSpacing, Double sliceThickness,
        float[] hu) {

    public CtSlice {
        if (sopInstanceUid == null || sopInstanceUid.isBlank()) {
            throw new IllegalArgumentException("SOP Instance UID is required");
        }
        if (rows <= 0 || columns <= 0 || frameNumber < 1) {
            throw new IllegalArgumentException("rows, columns and frame number must be positive: " + rows + ", "
                    + columns + ", " + frameNumber);
        }
        requireFinite("image position", imagePosition, 3);
        requireFinite("image orientation", imageOrientation, 6);
        requireFinite("pixel spacing", pixelSpacing, 2);
        if (!(pixelSpacing[0] > 0 && pixelSpacing[1] > 0)) {
            throw new IllegalArgumentException("pixel spacing must be positive: " + Arrays.toString(pixelSpacing));
        }
        if (hu.length != rows * columns) {
            throw new IllegalArgumentException("expected " + rows * columns + " HU values, got " + hu.length);
        }
        imagePosition = imagePosition.clone();
        imageOrientation = imageOrientation.clone();
        pixelSpacing = pixelSpacing.clone();
    }

    public double[] rowCosines() {
        return Arrays.copyOfRange(imageOrientation, 0, 3);
    }

    public double[] columnCosines() {
        return Arrays.copyOfRange(imageOrientation, 3, 6);
    }

    public float huAt(int row, int column) {
        return hu[row * columns + column];
    }

    /** How reasons name this slice: instance number, else SOP Instance UID; the frame from the second on. */
    public String label() {
        String name = instanceNumber != null ? "instance " + instanceNumber : "SOP instance " + sopInstanceUid;
        return frameNumber > 1 ? name + " frame " + frameNumber : name;
    }

    private static void requireFinite(String what, double[] values, int length) {
        if (values == null || values.length != length) {
            throw new IllegalArgumentException(what + " needs " + length + " values");
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(what + " must be finite: " + Arrays.toString(values));
            }
        }
    }
}
