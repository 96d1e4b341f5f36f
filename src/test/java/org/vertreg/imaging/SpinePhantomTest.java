package org.vertreg.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vertreg.geometry.Vector3;

/** The synthetic vertebra: values and labels where the class documents them, anatomy the right way round. */
class SpinePhantomTest {

    private static final SpinePhantom PHANTOM = SpinePhantom.create();

    @Test
    void eachRegionHasItsDocumentedValueAndLabel() {
        assertRegion(PHANTOM, 1, new Vector3(0, -5, 0), SpinePhantom.CANCELLOUS_HU, 20); // body core
        assertRegion(PHANTOM, 1, new Vector3(0, -12.5, 0), SpinePhantom.CORTICAL_HU, 20); // anterior cortex
        assertRegion(PHANTOM, 1, new Vector3(0, -5, 5.5), SpinePhantom.CORTICAL_HU, 20); // upper endplate
        assertRegion(PHANTOM, 1, new Vector3(6.5, 6, 0), SpinePhantom.CORTICAL_HU, 20); // left pedicle
        assertRegion(PHANTOM, 1, new Vector3(3.5, 13, 0), SpinePhantom.CORTICAL_HU, 20); // left lamina
        assertRegion(PHANTOM, 1, new Vector3(0, 22, 0), SpinePhantom.CORTICAL_HU, 20); // spinous process
        assertRegion(PHANTOM, 1, new Vector3(15, 8, 0), SpinePhantom.CORTICAL_HU, 20); // left transverse process
        assertRegion(PHANTOM, 1, new Vector3(-15, 8, 0), SpinePhantom.CORTICAL_HU, 20); // right transverse process
        assertRegion(PHANTOM, 1, new Vector3(0, 9, 0), SpinePhantom.SOFT_TISSUE_HU, 0); // spinal canal
        assertRegion(PHANTOM, 1, new Vector3(-20, 0, 0), SpinePhantom.SOFT_TISSUE_HU, 0); // soft tissue
        assertRegion(PHANTOM, 1, new Vector3(0, -5, 8), SpinePhantom.SOFT_TISSUE_HU, 0); // disc
        assertRegion(PHANTOM, 1, new Vector3(-31, -31, 0), SpinePhantom.AIR_HU, 0); // outside the body
        assertRegion(PHANTOM, 1, new Vector3(0, -5, 16), SpinePhantom.CANCELLOUS_HU, SpinePhantom.ABOVE_LABEL);
        assertRegion(PHANTOM, 1, new Vector3(0, -5, -16), SpinePhantom.CANCELLOUS_HU, SpinePhantom.BELOW_LABEL);
    }

    @Test
    void anatomyScalesWithTheField() {
        SpinePhantom half = SpinePhantom.create(SpinePhantom.Options.defaults().withGrid(64, 0.5));
        assertEquals(0.5, half.volume().grid().spacing()[0]);
        assertRegion(half, 0.5, new Vector3(0, -5, 0), SpinePhantom.CANCELLOUS_HU, 20);
        assertRegion(half, 0.5, new Vector3(0, 22, 0), SpinePhantom.CORTICAL_HU, 20);
        assertRegion(half, 0.5, new Vector3(0, -5, 16), SpinePhantom.CANCELLOUS_HU, 19);
    }

    @Test
    void middleVertebraIsCentredAndNeighboursAreOptional() {
        assertArrayEquals(new int[] {19, 20, 21}, PHANTOM.labels().presentLabels());
        Vector3 c = VertebraCrop.centroid(PHANTOM.labels(), SpinePhantom.MIDDLE_LABEL);
        assertTrue(c.norm() < 2, "middle vertebra centroid " + c + " is near the grid centre");
        Vector3 above = VertebraCrop.centroid(PHANTOM.labels(), SpinePhantom.ABOVE_LABEL);
        assertEquals(SpinePhantom.LEVEL_SPACING_MM, above.z() - c.z(), 1.0);
        SpinePhantom alone = SpinePhantom.create(SpinePhantom.Options.defaults().withNeighbours(false));
        assertArrayEquals(new int[] {20}, alone.labels().presentLabels());
    }

    @Test
    void spinousProcessIsPosteriorOfTheBodyAndTransverseProcessesAreLeftAndRight() {
        VolumeGrid g = PHANTOM.volume().grid();
        double bodyY = 0, posteriorY = 0, maxX = -1e9, minX = 1e9;
        int body = 0, posterior = 0;
        double[] mostPosterior = {0, -1e9, 0};
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    if (PHANTOM.labels().at(i, j, k) != SpinePhantom.MIDDLE_LABEL) {
                        continue;
                    }
                    double[] p = g.toPatient(i, j, k);
                    if (PHANTOM.volume().at(i, j, k) == SpinePhantom.CANCELLOUS_HU) {
                        bodyY += p[1];
                        body++;
                    } else if (Math.abs(p[0]) <= 1.5 && p[1] > 14) {
                        posteriorY += p[1];
                        posterior++;
                    }
                    if (p[1] > mostPosterior[1]) {
                        mostPosterior = p;
                    }
                    maxX = Math.max(maxX, p[0]);
                    minX = Math.min(minX, p[0]);
                }
            }
        }
        assertTrue(body > 0 && posterior > 0);
        assertTrue(posteriorY / posterior > bodyY / body + 20, "spinous centroid y " + posteriorY / posterior + " vs body " + bodyY / body);
        assertTrue(Math.abs(mostPosterior[0]) <= 1.5, "the most posterior bone is on the midline: " + Arrays.toString(mostPosterior));
        assertTrue(mostPosterior[1] > 25);
        assertTrue(maxX > 18 && minX < -18, "transverse processes reach " + minX + " .. " + maxX);
    }

    @Test
    void noiseIsOffByDefaultAndReproducibleFromItsSeed() {
        for (float v : PHANTOM.volume().hu()) {
            assertTrue(v == SpinePhantom.AIR_HU || v == SpinePhantom.SOFT_TISSUE_HU || v == SpinePhantom.CANCELLOUS_HU
                    || v == SpinePhantom.CORTICAL_HU);
        }
        SpinePhantom.Options noisy = SpinePhantom.Options.defaults().withGrid(32, 2).withNoise(20, 7);
        float[] a = SpinePhantom.create(noisy).volume().hu();
        assertArrayEquals(a, SpinePhantom.create(noisy).volume().hu());
        assertFalse(Arrays.equals(a, SpinePhantom.create(noisy.withNoise(20, 8)).volume().hu()));
        assertArrayEquals(SpinePhantom.create(noisy).labels().labels(), SpinePhantom.create(noisy.withNoise(0, 7)).labels().labels());
    }

    /** The voxel nearest to {@code atScaleOne} (mm in the anatomy's 64 mm frame, times {@code scale}). */
    private static void assertRegion(SpinePhantom phantom, double scale, Vector3 atScaleOne, float hu, int label) {
        VolumeGrid g = phantom.volume().grid();
        Vector3 p = atScaleOne.times(scale);
        double[] q = g.toIndex(p.x(), p.y(), p.z());
        int i = (int) Math.round(q[0]), j = (int) Math.round(q[1]), k = (int) Math.round(q[2]);
        assertEquals(hu, phantom.volume().at(i, j, k), "HU at " + atScaleOne);
        assertEquals(label, phantom.labels().at(i, j, k), "label at " + atScaleOne);
    }
}
