package org.vertreg.imaging;

import java.util.Arrays;

/** A separable, normalised Gaussian blur of a row-major image, edges repeated. */
public final class GaussianBlur {
    private final float[] kernel;
    private final int radius;

    /** @param sigma standard deviation in pixels; @param radius half-width of the kernel in pixels */
    public GaussianBlur(double sigma, int radius) {
        if (!(sigma > 0) || radius < 0) {
            throw new IllegalArgumentException("blur needs σ > 0 and a radius ≥ 0, got " + sigma + ", " + radius);
        }
        this.radius = radius;
        this.kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            sum += Math.exp(-i * i / (2 * sigma * sigma));
        }
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = (float) (Math.exp(-i * i / (2 * sigma * sigma)) / sum);
        }
    }

    /** The kernel reaching three σ, where all but 0.3 % of its weight lies. */
    public static GaussianBlur of(double sigma) {
        return new GaussianBlur(sigma, (int) Math.ceil(3 * sigma));
    }

    /** A blurred copy of {@code image} ({@code columns × rows}). */
    public float[] apply(float[] image, int columns, int rows) {
        if (image.length != columns * rows) {
            throw new IllegalArgumentException("image of " + image.length + " values is not " + columns + "x" + rows);
        }
        // each pass adds one tap at a time over a whole padded line, a loop the JIT vectorises
        float[] along = new float[image.length];
        float[] line = new float[Math.max(columns, rows) + 2 * radius];
        float[] sum = new float[Math.max(columns, rows)];
        for (int y = 0; y < rows; y++) {
            pad(image, y * columns, 1, columns, line);
            convolve(line, columns, sum);
            System.arraycopy(sum, 0, along, y * columns, columns);
        }
        float[] out = new float[image.length];
        for (int x = 0; x < columns; x++) {
            pad(along, x, columns, rows, line);
            convolve(line, rows, sum);
            for (int y = 0; y < rows; y++) {
                out[y * columns + x] = sum[y];
            }
        }
        return out;
    }

    /** Copies {@code length} values from {@code from} in steps of {@code stride} into the middle of {@code line}, edges repeated. */
    private void pad(float[] image, int from, int stride, int length, float[] line) {
        for (int i = 0; i < length; i++) {
            line[radius + i] = image[from + i * stride];
        }
        float first = line[radius], last = line[radius + length - 1];
        for (int i = 0; i < radius; i++) {
            line[i] = first;
            line[radius + length + i] = last;
        }
    }

    private void convolve(float[] line, int length, float[] sum) {
        Arrays.fill(sum, 0, length, 0f);
        for (int k = 0; k < kernel.length; k++) {
            float w = kernel[k];
            for (int i = 0; i < length; i++) {
                sum[i] += w * line[i + k];
            }
        }
    }
}
