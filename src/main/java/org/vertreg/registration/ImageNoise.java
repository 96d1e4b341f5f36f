package org.vertreg.registration;

/**
 * The standard deviation of an image's pixel noise, estimated from the image alone (Immerkær 1996: the mean absolute
 * response to a Laplacian-difference mask that cancels smooth structure and edges to first order). A noisy X-ray caps
 * how high any similarity with a clean DRR can go, so the quality score reads the similarity against it.
 */
public final class ImageNoise {
    private ImageNoise() {
    }

    /** σ in grey levels of a {@code columns × rows} row-major image; 0 for an image smaller than 3×3. */
    public static double sigma(float[] image, int columns, int rows) {
        if (columns < 3 || rows < 3) {
            return 0;
        }
        double sum = 0;
        for (int r = 1; r < rows - 1; r++) {
            for (int c = 1; c < columns - 1; c++) {
                int i = r * columns + c;
                double v = image[i - columns - 1] - 2 * image[i - columns] + image[i - columns + 1]
                        - 2 * image[i - 1] + 4 * image[i] - 2 * image[i + 1]
                        + image[i + columns - 1] - 2 * image[i + columns] + image[i + columns + 1];
                sum += Math.abs(v);
            }
        }
        return Math.sqrt(Math.PI / 2) * sum / (6.0 * (columns - 2) * (rows - 2));
    }
}
