package org.vertreg.drr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.PixelPoint;
import org.vertreg.geometry.Pose;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.SpinePhantom;
import org.vertreg.imaging.VertebraCrop;

class SimulatedXraysTest {
    private static final SpinePhantom PHANTOM = SpinePhantom.create();

    private static SimulatedXrays xrays() {
        CroppedVertebra crop = VertebraCrop.byLabel(PHANTOM.volume(), PHANTOM.labels(), SpinePhantom.MIDDLE_LABEL);
        return SimulatedXrays.around(crop.vertebraAlone(), crop.centroid());
    }

    @Test
    void theVertebraAloneLiesOnBlackAroundTheCentrePixel() {
        SimulatedXrays x = xrays();
        float[] grey = x.drr(Pose.identity());
        assertEquals(128 * 128, grey.length);
        assertEquals(0f, grey[0], "a corner ray crosses only air");
        PixelPoint centre = x.carm().centrePixel();
        double sumC = 0, sumR = 0, total = 0;
        for (int r = 0; r < 128; r++) {
            for (int c = 0; c < 128; c++) {
                double g = grey[r * 128 + c];
                assertTrue(g >= 0 && g <= 255);
                sumC += g * c;
                sumR += g * r;
                total += g;
            }
        }
        assertTrue(total > 0);
        // the intensity-weighted centre of the vertebra's image lies within a few pixels of where its centroid projects
        assertEquals(centre.column(), sumC / total, 6);
        assertEquals(centre.row(), sumR / total, 6);
    }

    @Test
    void aTranslationAlongTheColumnsMovesTheImage() {
        SimulatedXrays x = xrays();
        float[] a = x.drr(Pose.identity()), b = x.drr(new Pose(0, 0, 0, 5, 0, 0));
        assertFalse(Arrays.equals(a, b));
        double ca = columnCentre(a), cb = columnCentre(b);
        double expectedShiftPx = Math.abs(x.carm().project(x.centroid().plus(new org.vertreg.geometry.Vector3(5, 0, 0))).column()
                - x.carm().centrePixel().column());
        assertEquals(expectedShiftPx, Math.abs(cb - ca), 1.0);
    }

    @Test
    void lowDoseIsReproducibleFromItsSeedAndDiffersFromTheDrr() {
        SimulatedXrays x = xrays();
        Pose pose = new Pose(5, -3, 8, 2, -1, 4);
        float[] a = x.lowDose(pose, 42), b = x.lowDose(pose, 42), c = x.lowDose(pose, 43);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        assertFalse(Arrays.equals(a, x.drr(pose)));
    }

    private static double columnCentre(float[] grey) {
        double s = 0, t = 0;
        for (int i = 0; i < grey.length; i++) {
            s += grey[i] * (i % 128);
            t += grey[i];
        }
        return s / t;
    }

    @Test
    void theCarmIsTheDefaultAtTheCentroid() {
        SimulatedXrays x = xrays();
        assertEquals(CarmGeometry.defaults(x.centroid()), x.carm());
    }
}
