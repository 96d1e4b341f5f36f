package org.vertreg.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vertreg.geometry.Vector3;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.SpinePhantom;
import org.vertreg.imaging.VertebraCrop;
import org.vertreg.imaging.VolumeGrid;

class TargetPointsTest {

    private static int[] voxel(VolumeGrid g, Vector3 p) {
        double[] q = g.toIndex(p.x(), p.y(), p.z());
        int[] ijk = {(int) Math.round(q[0]), (int) Math.round(q[1]), (int) Math.round(q[2])};
        for (int a = 0; a < 3; a++) {
            assertEquals(ijk[a], q[a], 1e-9, "a target point is a voxel centre");
        }
        return ijk;
    }

    private static int count(short[] labels, int id) {
        int n = 0;
        for (short l : labels) {
            n += l == id ? 1 : 0;
        }
        return n;
    }

    @Test
    void aSmallLabelGivesTheCentreOfEachOfItsVoxels() {
        SpinePhantom ph = SpinePhantom.create(SpinePhantom.Options.defaults().withGrid(32, 2.0));
        int expected = count(ph.labels().labels(), SpinePhantom.MIDDLE_LABEL);
        assertTrue(expected > 100 && expected < TargetPoints.MAX_POINTS, "the phantom at 2 mm has " + expected + " label voxels");
        TargetPoints t = TargetPoints.fromLabel(ph.labels(), SpinePhantom.MIDDLE_LABEL);
        assertEquals(expected, t.size());
        assertEquals(expected, t.points().stream().distinct().count());
        for (Vector3 p : t.points()) {
            int[] v = voxel(ph.labels().grid(), p);
            assertEquals(SpinePhantom.MIDDLE_LABEL, ph.labels().at(v[0], v[1], v[2]));
        }
    }

    @Test
    void aLargeLabelIsSubsampledEvenlyAndAlwaysAlike() {
        SpinePhantom ph = SpinePhantom.create();
        assertTrue(count(ph.labels().labels(), SpinePhantom.MIDDLE_LABEL) > TargetPoints.MAX_POINTS);
        TargetPoints t = TargetPoints.fromLabel(ph.labels(), SpinePhantom.MIDDLE_LABEL);
        assertEquals(TargetPoints.MAX_POINTS, t.size());
        assertEquals(t.points(), TargetPoints.fromLabel(ph.labels(), SpinePhantom.MIDDLE_LABEL).points());
        double zMin = Double.MAX_VALUE, zMax = -Double.MAX_VALUE;
        for (Vector3 p : t.points()) {
            int[] v = voxel(ph.labels().grid(), p);
            assertEquals(SpinePhantom.MIDDLE_LABEL, ph.labels().at(v[0], v[1], v[2]));
            zMin = Math.min(zMin, p.z());
            zMax = Math.max(zMax, p.z());
        }
        // the stride runs through all slices (the body is 12 mm high), not only the first 2000 voxels found
        assertTrue(zMax - zMin >= 10, "points span " + (zMax - zMin) + " mm in z");
    }

    @Test
    void withoutALabelTheBoneAroundTheCentroidIsUsed() {
        SpinePhantom ph = SpinePhantom.create(SpinePhantom.Options.defaults().withGrid(32, 2.0).withNeighbours(false));
        Vector3 centroid = VertebraCrop.centroid(ph.labels(), SpinePhantom.MIDDLE_LABEL);
        CroppedVertebra crop = VertebraCrop.byCentroid(ph.volume(), centroid, new double[] {64, 64, 64});
        assertTrue(crop.labels().isEmpty());
        TargetPoints t = TargetPoints.of(crop);
        int expected = 0;
        VolumeGrid g = crop.volume().grid();
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double[] p = g.toPatient(i, j, k);
                    if (crop.volume().at(i, j, k) > 200 && new Vector3(p[0], p[1], p[2]).minus(centroid).norm() <= 25) {
                        expected++;
                    }
                }
            }
        }
        assertTrue(expected > 0 && expected < TargetPoints.MAX_POINTS);
        assertEquals(expected, t.size());
        for (Vector3 p : t.points()) {
            int[] v = voxel(g, p);
            assertTrue(crop.volume().at(v[0], v[1], v[2]) > TargetPoints.BONE_HU);
            assertTrue(p.minus(centroid).norm() <= TargetPoints.BONE_RADIUS_MM);
        }
    }

    @Test
    void aLabelledCropUsesItsLabelAndEmptySetsAreRefused() {
        SpinePhantom ph = SpinePhantom.create(SpinePhantom.Options.defaults().withGrid(32, 2.0));
        CroppedVertebra crop = VertebraCrop.byLabel(ph.volume(), ph.labels(), SpinePhantom.MIDDLE_LABEL);
        assertEquals(count(ph.labels().labels(), SpinePhantom.MIDDLE_LABEL), TargetPoints.of(crop).size());
        assertThrows(IllegalArgumentException.class, () -> TargetPoints.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> TargetPoints.fromLabel(ph.labels(), 3));
        assertThrows(IllegalArgumentException.class, () -> TargetPoints.fromBone(ph.volume(), new Vector3(500, 500, 500)));
    }
}
