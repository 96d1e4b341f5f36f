package org.vertreg.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.vertreg.geometry.Vector3;

/** Cropping one vertebra: centroid, box, removed neighbours and LPS positions kept. */
class VertebraCropTest {

    private static final double EPS = 1e-9;

    /** 6×5×4 voxels of 1 × 2 × 3 mm at (10, 20, 30); label 7 at three voxels, label 8 at one; HU = 100 + index. */
    private static final VolumeGrid SMALL = VolumeGrid.axisAligned(6, 5, 4, new double[] {1, 2, 3}, new double[] {10, 20, 30});

    private static Volume smallVolume() {
        float[] hu = new float[SMALL.voxelCount()];
        for (int v = 0; v < hu.length; v++) {
            hu[v] = 100 + v;
        }
        return new Volume(SMALL, hu);
    }

    private static LabelMap smallLabels() {
        short[] l = new short[SMALL.voxelCount()];
        l[SMALL.index(1, 1, 1)] = 7;
        l[SMALL.index(2, 1, 1)] = 7;
        l[SMALL.index(4, 3, 2)] = 7;
        l[SMALL.index(3, 2, 2)] = 8;
        return new LabelMap(SMALL, l);
    }

    @Test
    void cropByLabelHasTheMeanPositionOfItsVoxelsAsCentroid() {
        // Voxel centres of label 7: (11, 22, 33), (12, 22, 33), (14, 26, 36) mm.
        Vector3 expected = new Vector3((11 + 12 + 14) / 3.0, (22 + 22 + 26) / 3.0, (33 + 33 + 36) / 3.0);
        CroppedVertebra crop = VertebraCrop.byLabel(smallVolume(), smallLabels(), 7, 2.0, false);
        assertEquals(0, crop.centroid().maxDifference(expected), EPS);
        assertEquals(7, crop.labelId());
        SortedMap<Integer, Vector3> all = VertebraCrop.centroids(smallLabels());
        assertEquals(java.util.List.of(7, 8), java.util.List.copyOf(all.keySet()));
        assertEquals(0, all.get(7).maxDifference(expected), EPS);
        assertEquals(0, all.get(8).maxDifference(new Vector3(13, 24, 36)), EPS);
    }

    @Test
    void cropByLabelIsTheBoundingBoxPlusTheMarginInWholeVoxels() {
        // Bounding box i 1..4, j 1..3, k 1..2; a 2 mm margin is 2, 1 and 1 voxels (rounded up).
        CroppedVertebra crop = VertebraCrop.byLabel(smallVolume(), smallLabels(), 7, 2.0, false);
        VolumeGrid g = crop.volume().grid();
        assertEquals(8, g.nx());
        assertEquals(5, g.ny());
        assertEquals(4, g.nz());
        assertArrayEquals(new double[] {9, 20, 30}, g.origin(), EPS);
        assertArrayEquals(SMALL.spacing(), g.spacing(), 0);
        assertArrayEquals(SMALL.direction(), g.direction(), 0);
        // The default 10 mm margin is 10 voxels along i: the box starts at i = 1 - 10, x = 10 - 9 mm.
        assertEquals(1, VertebraCrop.byLabel(smallVolume(), smallLabels(), 7).volume().grid().origin()[0], EPS);
    }

    @Test
    void absentLabelIsNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VertebraCrop.byLabel(smallVolume(), smallLabels(), 12));
        assertTrue(e.getMessage().contains("12"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VertebraCrop.centroid(smallLabels(), 12));
    }

    @Test
    void neighboursBecomeAirUnlessKept() {
        int neighbour = SMALL.index(3, 2, 2);
        // Voxel (3, 2, 2) of the source is voxel (3 - 1 + 2, 2 - 1 + 1, 2 - 1 + 1) = (4, 2, 2) of the crop.
        CroppedVertebra removed = VertebraCrop.byLabel(smallVolume(), smallLabels(), 7, 2.0, false);
        assertEquals(VertebraCrop.AIR_HU, removed.volume().at(4, 2, 2));
        assertEquals(0, removed.labels().orElseThrow().at(4, 2, 2));
        assertEquals(smallVolume().hu()[SMALL.index(4, 3, 2)], removed.volume().at(5, 3, 2));
        assertEquals(7, removed.labels().orElseThrow().at(5, 3, 2));

        CroppedVertebra kept = VertebraCrop.byLabel(smallVolume(), smallLabels(), 7, 2.0, true);
        assertEquals(100 + neighbour, kept.volume().at(4, 2, 2));
        assertEquals(8, kept.labels().orElseThrow().at(4, 2, 2));
    }

    @Test
    void neighbouringVertebraeOfThePhantomLeaveNoBoneInTheCrop() {
        SpinePhantom phantom = SpinePhantom.create();
        CroppedVertebra crop = VertebraCrop.byLabel(phantom.volume(), phantom.labels(), SpinePhantom.MIDDLE_LABEL);
        int removed = 0;
        VolumeGrid g = crop.volume().grid();
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    int label = sourceLabel(phantom.labels(), g, i, j, k);
                    int cropLabel = crop.labels().orElseThrow().at(i, j, k);
                    assertTrue(cropLabel == 0 || cropLabel == SpinePhantom.MIDDLE_LABEL);
                    if (label == SpinePhantom.ABOVE_LABEL || label == SpinePhantom.BELOW_LABEL) {
                        assertEquals(VertebraCrop.AIR_HU, crop.volume().at(i, j, k));
                        removed++;
                    }
                }
            }
        }
        assertTrue(removed > 100, "the 10 mm margin reaches into both neighbours: " + removed + " voxels removed");

        CroppedVertebra kept = VertebraCrop.byLabel(phantom.volume(), phantom.labels(), SpinePhantom.MIDDLE_LABEL,
                VertebraCrop.DEFAULT_MARGIN_MM, true);
        int[] present = kept.labels().orElseThrow().presentLabels();
        assertArrayEquals(new int[] {19, 20, 21}, present);
    }

    @Test
    void boxBeyondTheEdgeIsAirAndEveryVoxelKeepsItsLpsPosition() {
        // A flipped and permuted grid, to catch index / LPS mix-ups.
        VolumeGrid src = new VolumeGrid(7, 6, 5, new double[] {2, 1, 3}, new double[] {5, -4, 12}, new double[] {0, 1, 0, -1, 0, 0, 0, 0, -1});
        float[] hu = new float[src.voxelCount()];
        for (int v = 0; v < hu.length; v++) {
            hu[v] = v;
        }
        Volume volume = new Volume(src, hu);
        double[] corner = src.toPatient(1, 0, 4);
        CroppedVertebra crop = VertebraCrop.byCentroid(volume, new Vector3(corner[0], corner[1], corner[2]), new double[] {10, 6, 12});
        assertFalse(crop.labels().isPresent());
        VolumeGrid g = crop.volume().grid();
        int inside = 0, outside = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double[] p = g.toPatient(i, j, k);
                    double[] q = src.toIndex(p[0], p[1], p[2]);
                    int si = (int) Math.round(q[0]), sj = (int) Math.round(q[1]), sk = (int) Math.round(q[2]);
                    assertEquals(0, Math.abs(q[0] - si) + Math.abs(q[1] - sj) + Math.abs(q[2] - sk), 1e-6, "crop voxels are source voxel centres");
                    if (si >= 0 && sj >= 0 && sk >= 0 && si < src.nx() && sj < src.ny() && sk < src.nz()) {
                        assertEquals(volume.at(si, sj, sk), crop.volume().at(i, j, k));
                        inside++;
                    } else {
                        assertEquals(VertebraCrop.AIR_HU, crop.volume().at(i, j, k));
                        outside++;
                    }
                }
            }
        }
        assertTrue(inside > 0 && outside > 0, inside + " voxels inside, " + outside + " outside");
    }

    @Test
    void boxInMmIsRoundedToWholeVoxelsAndCentredWithinHalfAVoxel() {
        VolumeGrid grid = VolumeGrid.axisAligned(40, 40, 20, new double[] {0.8, 1.0, 2.5}, new double[] {-16, -20, -25});
        Volume volume = new Volume(grid, new float[grid.voxelCount()]);
        Vector3 centre = new Vector3(0.3, -1.7, 2.2);
        // 20 / 0.8 = 25 voxels, 21 / 1 = 21, 9 / 2.5 = 3.6 -> 4.
        CroppedVertebra crop = VertebraCrop.byCentroid(volume, centre, new double[] {20, 21, 9});
        VolumeGrid g = crop.volume().grid();
        assertArrayEquals(new int[] {25, 21, 4}, new int[] {g.nx(), g.ny(), g.nz()});
        double[] mid = g.toPatient((g.nx() - 1) / 2.0, (g.ny() - 1) / 2.0, (g.nz() - 1) / 2.0);
        assertTrue(Math.abs(mid[0] - centre.x()) <= 0.4 + EPS);
        assertTrue(Math.abs(mid[1] - centre.y()) <= 0.5 + EPS);
        assertTrue(Math.abs(mid[2] - centre.z()) <= 1.25 + EPS);
        assertEquals(0, crop.centroid().maxDifference(centre), 0);
        assertEquals(0, crop.labelId());
    }

    @Test
    void fixedBoxAroundALabelIsCentredOnItsCentroid() {
        SpinePhantom phantom = SpinePhantom.create();
        CroppedVertebra crop = VertebraCrop.byLabelInBox(phantom.volume(), phantom.labels(), SpinePhantom.MIDDLE_LABEL,
                new double[] {30, 30, 30}, false);
        Vector3 c = VertebraCrop.centroid(phantom.labels(), SpinePhantom.MIDDLE_LABEL);
        assertEquals(0, crop.centroid().maxDifference(c), 0);
        VolumeGrid g = crop.volume().grid();
        assertArrayEquals(new int[] {30, 30, 30}, new int[] {g.nx(), g.ny(), g.nz()});
        double[] mid = g.toPatient(14.5, 14.5, 14.5);
        assertTrue(c.maxDifference(new Vector3(mid[0], mid[1], mid[2])) <= 0.5 + EPS);
    }

    @Test
    void labelsOnAnotherGridAreRefused() {
        VolumeGrid shifted = VolumeGrid.axisAligned(6, 5, 4, new double[] {1, 2, 3}, new double[] {11, 20, 30});
        LabelMap elsewhere = new LabelMap(shifted, smallLabels().labels());
        assertThrows(IllegalArgumentException.class, () -> VertebraCrop.byLabel(smallVolume(), elsewhere, 7));
    }

    private static int sourceLabel(LabelMap labels, VolumeGrid crop, int i, int j, int k) {
        double[] p = crop.toPatient(i, j, k);
        double[] q = labels.grid().toIndex(p[0], p[1], p[2]);
        int si = (int) Math.round(q[0]), sj = (int) Math.round(q[1]), sk = (int) Math.round(q[2]);
        VolumeGrid g = labels.grid();
        return si < 0 || sj < 0 || sk < 0 || si >= g.nx() || sj >= g.ny() || sk >= g.nz() ? 0 : labels.at(si, sj, sk);
    }
}
