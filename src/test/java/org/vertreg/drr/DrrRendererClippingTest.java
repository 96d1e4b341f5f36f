package org.vertreg.drr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vertreg.imaging.Volume;
import org.vertreg.imaging.VolumeGrid;

/**
 * A homogeneous volume is one constant μ over its whole box (voxel index −0.5 to n − 0.5), so every
 * pixel must be μ × the length of its ray inside that box: this checks the clipping from all six sides,
 * on an oblique grid, including rays that end inside the volume.
 */
class DrrRendererClippingTest {
    private static final VolumeGrid GRID = DrrRendererTest.obliqueGrid(40, 36, 30);
    private static final float HU = 250f;

    @ParameterizedTest
    @EnumSource(DrrRenderer.Sampling.class)
    void everyPixelIsMuTimesItsPathInsideTheVolumeBox(DrrRenderer.Sampling sampling) {
        float[] hu = new float[GRID.voxelCount()];
        Arrays.fill(hu, HU);
        AttenuationVolume vol = AttenuationVolume.of(new Volume(GRID, hu));
        double mu = AttenuationVolume.attenuation(HU);
        double[] centre = GRID.toPatient(19.5, 17.5, 14.5);
        double[][] axes = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}, {0.6, 0.48, 0.64}};
        int inside = 0;
        for (double[] axis : axes) {
            for (double detectorBeyondCentre : new double[] {400, 3}) { // 3 mm: the detector cuts the volume
                ProjectionGeometry view = viewThrough(centre, axis, 600, detectorBeyondCentre, 40, 33, 0.9);
                float[] drr = new DrrRenderer(sampling, DrrRenderer.DEFAULT_STEP_VOXELS, true).render(vol, view);
                for (int row = 0; row < view.rows(); row++) {
                    for (int col = 0; col < view.columns(); col++) {
                        double expected = mu * pathInBox(view.source(), view.pixelCentre(col, row));
                        float got = drr[row * view.columns() + col];
                        assertEquals(expected, got, 1e-5 + 1e-5 * expected,
                                sampling + " axis " + Arrays.toString(axis) + " pixel " + col + "," + row);
                        inside += expected > 0 ? 1 : 0;
                    }
                }
            }
        }
        assertTrue(inside > 5000, inside + " rays crossed the volume");
    }

    /** A view whose central ray runs along {@code axis} through {@code centre}. */
    static ProjectionGeometry viewThrough(double[] centre, double[] axis, double sourceToCentre, double centreToDetector, int columns,
            int rows, double pixel) {
        double n = Phantoms.norm(axis);
        double[] w = {axis[0] / n, axis[1] / n, axis[2] / n};
        double[] helper = Math.abs(w[2]) < 0.9 ? new double[] {0, 0, 1} : new double[] {1, 0, 0};
        double[] u = Phantoms.cross(helper, w);
        double un = Phantoms.norm(u);
        u = new double[] {u[0] / un, u[1] / un, u[2] / un};
        double[] v = Phantoms.cross(w, u);
        double[] s = new double[3], d0 = new double[3];
        for (int a = 0; a < 3; a++) {
            s[a] = centre[a] - sourceToCentre * w[a];
            d0[a] = centre[a] + centreToDetector * w[a] - (columns - 1) / 2.0 * pixel * u[a] - (rows - 1) / 2.0 * pixel * v[a];
        }
        return new ProjectionGeometry(s, d0, u, v, pixel, pixel, columns, rows);
    }

    /** Length (mm) of the segment from a to b inside the grid's box, by slabs in index space. */
    private static double pathInBox(double[] a, double[] b) {
        double[] ia = GRID.toIndex(a[0], a[1], a[2]), ib = GRID.toIndex(b[0], b[1], b[2]);
        int[] n = {GRID.nx(), GRID.ny(), GRID.nz()};
        double t0 = 0, t1 = 1;
        for (int k = 0; k < 3; k++) {
            double d = ib[k] - ia[k];
            if (d == 0) {
                if (ia[k] < -0.5 || ia[k] > n[k] - 0.5) {
                    return 0;
                }
                continue;
            }
            double p = (-0.5 - ia[k]) / d, q = (n[k] - 0.5 - ia[k]) / d;
            t0 = Math.max(t0, Math.min(p, q));
            t1 = Math.min(t1, Math.max(p, q));
        }
        return t1 > t0 ? (t1 - t0) * Phantoms.norm(Phantoms.sub(b, a)) : 0;
    }
}
