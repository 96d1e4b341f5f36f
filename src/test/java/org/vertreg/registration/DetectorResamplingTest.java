package org.vertreg.registration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Vector3;
import org.vertreg.imaging.Radiograph;

class DetectorResamplingTest {

    static final CarmGeometry MODEL = CarmGeometry.defaults(new Vector3(10, -40, 250));

    /** Background 10 and a disc of 200 with an anti-aliased edge, radius and centre in pixels. */
    static float[] disc(int columns, int rows, double centreColumn, double centreRow, double radius) {
        float[] g = new float[columns * rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                double inside = Math.max(0, Math.min(1, radius - Math.hypot(c - centreColumn, r - centreRow) + 0.5));
                g[r * columns + c] = (float) (10 + 190 * inside);
            }
        }
        return g;
    }

    /** Centroid (column, row) of grey above the background 10. */
    static double[] centroid(float[] g, int columns) {
        double sum = 0, sc = 0, sr = 0;
        for (int i = 0; i < g.length; i++) {
            double w = Math.max(0, g[i] - 10);
            sum += w;
            sc += w * (i % columns);
            sr += w * (i / columns);
        }
        return new double[] {sc / sum, sr / sum};
    }

    static Radiograph xray(float[] grey, int columns, int rows, double spacing, double sdd, double sod, String orientation) {
        return new Radiograph(grey, columns, rows, spacing, spacing, sdd, sod, 0, 0, orientation, List.of("read from a test"));
    }

    static float[] gradientWithDisc() {
        float[] g = disc(128, 128, 80, 40, 15);
        for (int i = 0; i < g.length; i++) {
            g[i] += (float) (i % 128) / 4;
        }
        return g;
    }

    @Test
    void anXrayWithTheModelsGeometryComesThroughUnchanged() {
        float[] grey = gradientWithDisc();
        DetectorResampling.Resampled out = DetectorResampling.onto(xray(grey, 128, 128, 1.0, 1000, 600, "R\\F"), MODEL);
        assertEquals(MODEL, out.carm());
        assertArrayEquals(grey, out.grey(), 0f);
        assertEquals("read from a test", out.notes().get(0));
        assertEquals(2, out.notes().size(), out.notes().toString());
    }

    @Test
    void halfTheSpacingAndTwiceThePixelsPutsADiscInTheSamePlace() {
        // Model pixel (70.3, 55.8) is 2·(70.3 − 63.5), 2·(55.8 − 63.5) X-ray pixels from the X-ray's centre 127.5.
        float[] grey = disc(256, 256, 127.5 + 2 * 6.8, 127.5 - 2 * 7.7, 24);
        DetectorResampling.Resampled out = DetectorResampling.onto(xray(grey, 256, 256, 0.5, 1000, 600, "R\\F"), MODEL);
        assertEquals(MODEL, out.carm());
        double[] c = centroid(out.grey(), 128);
        assertEquals(70.3, c[0], 0.1);
        assertEquals(55.8, c[1], 0.1);
        assertTrue(out.notes().get(1).contains("each the mean of the 2 × 2 X-ray pixels it covers"), out.notes().toString());
    }

    @Test
    void anotherMagnificationKeepsTheModelsFieldAtTheIsocentre() {
        float[] grey = disc(300, 300, 180, 120, 30);
        DetectorResampling.Resampled out = DetectorResampling.onto(xray(grey, 300, 300, 0.5, 1200, 800, "R\\F"), MODEL);
        CarmGeometry carm = out.carm();
        assertEquals(1200.0, carm.sourceToDetectorMm());
        assertEquals(800.0, carm.sourceToIsocentreMm());
        assertEquals(MODEL.isocentre(), carm.isocentre());
        assertEquals(1.0 * (1200.0 / 800) / (1000.0 / 600), carm.pixelSpacingMm(), 1e-12);
        assertEquals(MODEL.pixelSizeAtIsocentreMm(), carm.pixelSizeAtIsocentreMm(), 1e-12);
        double[] c = centroid(out.grey(), 128);
        assertEquals(63.5 + (180 - 149.5) * 0.5 / carm.pixelSpacingMm(), c[0], 0.1);
        assertEquals(63.5 + (120 - 149.5) * 0.5 / carm.pixelSpacingMm(), c[1], 0.1);
    }

    @Test
    void aMirroredXrayIsFlippedBack() {
        float[] grey = gradientWithDisc();
        float[] mirrored = new float[grey.length];
        for (int i = 0; i < grey.length; i++) {
            mirrored[(i / 128) * 128 + 127 - i % 128] = grey[i];
        }
        DetectorResampling.Resampled out = DetectorResampling.onto(xray(mirrored, 128, 128, 1.0, 1000, 600, "L\\F"), MODEL);
        assertArrayEquals(grey, out.grey(), 0f);
        assertTrue(out.notes().contains("Patient Orientation (0020,0020) L\\F where the C-arm geometry gives R\\F: columns flipped to match"),
                out.notes().toString());
    }

    @Test
    void aTransposedXrayIsSwappedBack() {
        float[] grey = gradientWithDisc();
        float[] transposed = new float[grey.length];
        for (int i = 0; i < grey.length; i++) {
            transposed[(i % 128) * 128 + i / 128] = grey[i];
        }
        DetectorResampling.Resampled out = DetectorResampling.onto(xray(transposed, 128, 128, 1.0, 1000, 600, "F\\R"), MODEL);
        assertArrayEquals(grey, out.grey(), 0f);
        assertTrue(out.notes().get(1).endsWith("rows and columns swapped to match"), out.notes().toString());
    }

    @Test
    void anOrientationThatCannotBeMatchedIsRefused() {
        Radiograph lateral = xray(new float[128 * 128], 128, 128, 1.0, 1000, 600, "A\\F");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DetectorResampling.onto(lateral, MODEL));
        assertTrue(e.getMessage().contains("Patient Orientation A\\F cannot be brought to R\\F"), e.getMessage());
    }

    @Test
    void theCentreCanBeAnywhereOnTheXray() {
        float[] grey = disc(200, 160, 150.25, 40.5, 12);
        DetectorResampling.Resampled out = DetectorResampling.onto(xray(grey, 200, 160, 1.0, 1000, 600, "R\\F"), MODEL, 150.25, 40.5);
        double[] c = centroid(out.grey(), 128);
        assertEquals(63.5, c[0], 0.1);
        assertEquals(63.5, c[1], 0.1);
        assertTrue(out.notes().stream().anyMatch(n -> n.contains("output pixels fall outside the X-ray: they take the nearest edge value")),
                out.notes().toString());
    }

    @Test
    void aFineDetectorDoesNotAlias() {
        // Columns alternating 0 and 200 at 0.15 mm: far beyond what 1 mm pixels can show, so they must come out grey.
        int n = 900;  // 135 mm, wider than the 128 mm field
        float[] stripes = new float[n * n];
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = i % 2 == 0 ? 0 : 200;
        }
        DetectorResampling.Resampled out = DetectorResampling.onto(xray(stripes, n, n, 0.15, 1000, 600, "R\\F"), MODEL);
        for (float v : out.grey()) {
            assertEquals(100, v, 15);
        }
    }
}
