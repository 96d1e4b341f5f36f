package org.vertreg.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GaussianBlurTest {
    @Test
    void aPointSpreadsWithTheGivenSigmaAndKeepsItsWeight() {
        int n = 41;
        float[] image = new float[n * n];
        image[20 * n + 20] = 1000;
        float[] blurred = GaussianBlur.of(2).apply(image, n, n);
        double sum = 0, moment = 0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                sum += blurred[r * n + c];
                moment += blurred[r * n + c] * (c - 20) * (c - 20);
            }
        }
        assertEquals(1000, sum, 1e-2);
        assertEquals(4, moment / sum, 0.05); // σ² along one axis
        assertEquals(blurred[20 * n + 17], blurred[17 * n + 20], 1e-4); // the same along rows and columns
    }

    @Test
    void aConstantImageStaysConstantUpToItsEdges() {
        float[] image = new float[30 * 20];
        java.util.Arrays.fill(image, 77);
        for (float v : GaussianBlur.of(3).apply(image, 30, 20)) {
            assertEquals(77, v, 1e-3);
        }
    }

    @Test
    void refusesAWrongSizeOrSigma() {
        assertThrows(IllegalArgumentException.class, () -> GaussianBlur.of(1).apply(new float[10], 3, 3));
        assertThrows(IllegalArgumentException.class, () -> GaussianBlur.of(0));
    }
}
