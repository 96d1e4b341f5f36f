package org.vertreg.drr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vertreg.geometry.PixelPoint;
import org.vertreg.geometry.Pose;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.SpinePhantom;
import org.vertreg.imaging.VertebraCrop;

class VertebraOutlineTest {
    private static final SpinePhantom PHANTOM = SpinePhantom.create();
    private static final SimulatedXrays XRAYS = xrays();

    private static SimulatedXrays xrays() {
        CroppedVertebra crop = VertebraCrop.byLabel(PHANTOM.volume(), PHANTOM.labels(), SpinePhantom.MIDDLE_LABEL);
        return SimulatedXrays.around(crop.vertebraAlone(), crop.centroid());
    }

    @Test
    void theOutlineEnclosesTheProjectedCentroid() {
        VertebraOutline o = VertebraOutline.at(XRAYS, Pose.identity());
        assertEquals(128, o.columns());
        assertEquals(128, o.rows());
        PixelPoint centre = XRAYS.carm().project(XRAYS.centroid());
        int c = (int) Math.round(centre.column()), r = (int) Math.round(centre.row());
        assertTrue(o.isInside(c, r));
        assertFalse(o.isEdge(c, r));
        // walking out from the centroid's pixel in each direction meets the outline before the detector's border
        int[][] steps = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        for (int[] s : steps) {
            int x = c, y = r;
            while (x > 0 && x < 127 && y > 0 && y < 127 && !o.isEdge(x, y)) {
                x += s[0];
                y += s[1];
            }
            assertTrue(o.isEdge(x, y), "no outline toward " + s[0] + "," + s[1]);
            assertFalse(o.isInside(x + s[0], y + s[1]), "the outline is the last pixel inside");
        }
        assertFalse(o.isInside(0, 0), "a corner ray crosses only air");
        assertTrue(o.edgePixels() > 50, "a closed line round a vertebra several centimetres wide: " + o.edgePixels());
    }

    @Test
    void aTranslationInTheIsocentrePlaneMovesTheOutlineByTheMagnifiedDistance() {
        VertebraOutline at = VertebraOutline.at(XRAYS, Pose.identity());
        // 5 mm toward the patient's left moves the image toward lower columns, 5 mm toward the head toward lower rows
        VertebraOutline left = VertebraOutline.at(XRAYS, new Pose(0, 0, 0, 5, 0, 0));
        VertebraOutline up = VertebraOutline.at(XRAYS, new Pose(0, 0, 0, 0, 0, 5));
        double pixels = 5 * XRAYS.carm().magnification() / XRAYS.carm().pixelSpacingMm();
        double[] c0 = centre(at), cl = centre(left), cu = centre(up);
        assertEquals(-pixels, cl[0] - c0[0], 0.3);
        assertEquals(0, cl[1] - c0[1], 0.3);
        assertEquals(0, cu[0] - c0[0], 0.3);
        assertEquals(-pixels, cu[1] - c0[1], 0.3);
    }

    @Test
    void aFinerDetectorGivesTheSameRegionScaled() {
        VertebraOutline coarse = VertebraOutline.at(XRAYS, new Pose(5, -4, 3, 2, 0, -1));
        VertebraOutline fine = VertebraOutline.at(XRAYS, new Pose(5, -4, 3, 2, 0, -1), 4);
        assertEquals(512, fine.columns());
        assertEquals(512, fine.rows());
        assertEquals(area(coarse) * 16, area(fine), area(fine) * 0.05);
        double[] a = centre(coarse), b = centre(fine);
        // pixel (c, r) of the finer detector lies at ((c + ½)/4 − ½, (r + ½)/4 − ½) of the coarse one
        assertEquals(a[0], (b[0] + 0.5) / 4 - 0.5, 0.2);
        assertEquals(a[1], (b[1] + 0.5) / 4 - 0.5, 0.2);
        assertThrows(IllegalArgumentException.class, () -> VertebraOutline.at(XRAYS, Pose.identity(), 0));
    }

    @Test
    void nothingOnTheDetectorGivesAnEmptyOutline() {
        VertebraOutline o = VertebraOutline.of(new float[16], 4, 4);
        assertEquals(0, o.edgePixels());
        assertEquals(0, area(o));
    }

    /** Mean column and row of the inside pixels. */
    private static double[] centre(VertebraOutline o) {
        double c = 0, r = 0;
        int n = 0;
        for (int y = 0; y < o.rows(); y++) {
            for (int x = 0; x < o.columns(); x++) {
                if (o.isInside(x, y)) {
                    c += x;
                    r += y;
                    n++;
                }
            }
        }
        return new double[] {c / n, r / n};
    }

    private static int area(VertebraOutline o) {
        int n = 0;
        for (boolean b : o.inside()) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
