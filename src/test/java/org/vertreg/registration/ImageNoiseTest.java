package org.vertreg.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImageNoiseTest {

    @Test
    void gaussianNoiseOnARampAndAnEdgeIsMeasuredAtItsOwnSigma() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 128;
        for (double sigma : new double[] {2, 8, 20}) {
            float[] image = new float[n * n];
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    double structure = 0.5 * c + (c > n / 2 ? 60 : 0); // a ramp and an edge: the mask cancels both
                    image[r * n + c] = (float) (structure + sigma * random.nextGaussian());
                }
            }
            assertEquals(sigma, ImageNoise.sigma(image, n, n), 0.08 * sigma + 0.3);
        }
    }

    @Test
    void aCleanImageHasNone() {
        float[] flat = new float[64 * 64];
        java.util.Arrays.fill(flat, 100);
        assertEquals(0, ImageNoise.sigma(flat, 64, 64), 1e-9);
        assertEquals(0, ImageNoise.sigma(new float[4], 2, 2));
    }
}
