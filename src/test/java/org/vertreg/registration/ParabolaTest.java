package org.vertreg.registration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ParabolaTest {
    @Test
    void recoversAKnownParabola() {
        double[] x = {-2, -1, 0, 0.5, 1, 2, 3};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 0.3 + 1.2 * x[i] - 0.4 * x[i] * x[i];
        }
        assertArrayEquals(new double[] {0.3, 1.2, -0.4}, Parabola.fit(x, y), 1e-9);
    }

    @Test
    void averagesSymmetricRipplesOut() {
        double[] x = new double[17], y = new double[17];
        for (int i = 0; i < x.length; i++) {
            x[i] = -2 + 0.25 * i;
            y[i] = -(x[i] - 0.5) * (x[i] - 0.5) + (i % 2 == 0 ? 0.01 : -0.01);
        }
        double[] c = Parabola.fit(x, y);
        assertArrayEquals(new double[] {0.5}, new double[] {-c[1] / (2 * c[2])}, 0.02);
    }

    @Test
    void needsThreePoints() {
        assertThrows(IllegalArgumentException.class, () -> Parabola.fit(new double[] {0, 1}, new double[] {0, 1}));
    }
}
