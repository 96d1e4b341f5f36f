package org.vertreg.drr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vertreg.imaging.Volume;
import org.vertreg.imaging.VolumeGrid;

class DrrRendererTest {

    /** An oblique grid: rotated 30° about z and 10° about x, off the origin, anisotropic voxels. */
    static VolumeGrid obliqueGrid(int nx, int ny, int nz) {
        double a = Math.toRadians(30), b = Math.toRadians(10);
        double[] rz = {Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0, 0, 0, 1};
        double[] rx = {1, 0, 0, 0, Math.cos(b), -Math.sin(b), 0, Math.sin(b), Math.cos(b)};
        double[] d = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                for (int k = 0; k < 3; k++) {
                    d[3 * r + c] += rz[3 * r + k] * rx[3 * k + c];
                }
            }
        }
        return new VolumeGrid(nx, ny, nz, new double[] {0.5, 0.6, 0.7}, new double[] {-9, -11, -8}, d);
    }

    @ParameterizedTest
    @EnumSource(DrrRenderer.Sampling.class)
    void aSingleBrightVoxelLandsOnThePixelThePinholeFormulaPredicts(DrrRenderer.Sampling sampling) {
        VolumeGrid grid = obliqueGrid(40, 36, 30);
        ProjectionGeometry view = Phantoms.viewAlongY(600, 1000, 64, 64, 1.0);
        double[] s = view.source(), d0 = view.detectorOrigin(), u = view.u(), v = view.v(), n = view.detectorNormal();
        int[][] voxels = {{13, 22, 9}, {3, 4, 25}, {30, 10, 14}, {20, 18, 15}, {37, 33, 2}};
        int checked = 0;
        for (int[] vox : voxels) {
            float[] hu = new float[grid.voxelCount()];
            Arrays.fill(hu, -1000f);
            hu[grid.index(vox[0], vox[1], vox[2])] = 3000f;
            float[] drr = new DrrRenderer(sampling, DrrRenderer.DEFAULT_STEP_VOXELS, true).render(AttenuationVolume.of(new Volume(grid, hu)), view);

            // pinhole: X = S + t (P − S) on the plane (X − D0)·n = 0; column = (X − D0)·u / pitch
            double[] p = grid.toPatient(vox[0], vox[1], vox[2]);
            double[] ps = Phantoms.sub(p, s);
            double t = Phantoms.dot(Phantoms.sub(d0, s), n) / Phantoms.dot(ps, n);
            double[] x = {s[0] + t * ps[0], s[1] + t * ps[1], s[2] + t * ps[2]};
            double col = Phantoms.dot(Phantoms.sub(x, d0), u) / view.pixelSpacingU();
            double row = Phantoms.dot(Phantoms.sub(x, d0), v) / view.pixelSpacingV();

            int best = 0;
            for (int i = 1; i < drr.length; i++) {
                best = drr[i] > drr[best] ? i : best;
            }
            assertTrue(drr[best] > 0, "the voxel shows");
            if (Math.abs(col - Math.rint(col)) < 0.35 && Math.abs(row - Math.rint(row)) < 0.35) {
                assertEquals((int) Math.rint(col), best % view.columns(), "column of voxel " + Arrays.toString(vox));
                assertEquals((int) Math.rint(row), best / view.columns(), "row of voxel " + Arrays.toString(vox));
                checked++;
            }
            // the intensity-weighted centroid of the spot sits on the predicted point
            double sw = 0, sc = 0, sr = 0;
            for (int i = 0; i < drr.length; i++) {
                sw += drr[i];
                sc += drr[i] * (i % view.columns());
                sr += drr[i] * (i / view.columns());
            }
            assertEquals(col, sc / sw, 0.25, "centroid column of voxel " + Arrays.toString(vox));
            assertEquals(row, sr / sw, 0.25, "centroid row of voxel " + Arrays.toString(vox));
        }
        assertTrue(checked >= 3, "only " + checked + " voxels projected unambiguously");
    }

    @ParameterizedTest
    @EnumSource(DrrRenderer.Sampling.class)
    void raysThatMissTheVolumeGiveExactlyZero(DrrRenderer.Sampling sampling) {
        VolumeGrid grid = obliqueGrid(20, 20, 20);
        float[] hu = new float[grid.voxelCount()];
        Arrays.fill(hu, 500f);
        AttenuationVolume vol = AttenuationVolume.of(new Volume(grid, hu));
        // the same view shifted 300 mm to the patient's left: no ray comes near the volume
        ProjectionGeometry centred = Phantoms.viewAlongY(600, 1000, 32, 32, 1.0);
        double[] s = centred.source(), d0 = centred.detectorOrigin();
        s[0] += 300;
        d0[0] += 300;
        ProjectionGeometry aside = new ProjectionGeometry(s, d0, centred.u(), centred.v(), 1.0, 1.0, 32, 32);
        float[] drr = new DrrRenderer(sampling, DrrRenderer.DEFAULT_STEP_VOXELS, true).render(vol, aside);
        for (float f : drr) {
            assertEquals(0f, f);
        }
        // and a ray stopping short of the volume: detector between source and volume
        ProjectionGeometry shortView = Phantoms.viewAlongY(600, 300, 32, 32, 1.0);
        for (float f : new DrrRenderer(sampling, DrrRenderer.DEFAULT_STEP_VOXELS, true).render(vol, shortView)) {
            assertEquals(0f, f);
        }
        // while the centred view does see it
        float[] seen = new DrrRenderer(sampling, DrrRenderer.DEFAULT_STEP_VOXELS, true).render(vol, centred);
        float max = 0;
        for (float f : seen) {
            max = Math.max(max, f);
        }
        assertTrue(max > 0.1f, "the centred view sees the volume: " + max);
    }

    @ParameterizedTest
    @EnumSource(DrrRenderer.Sampling.class)
    void rendersAreDeterministicAndParallelEqualsSequential(DrrRenderer.Sampling sampling) {
        VolumeGrid grid = obliqueGrid(48, 40, 36);
        SplittableRandom rnd = new SplittableRandom(7);
        float[] hu = new float[grid.voxelCount()];
        for (int i = 0; i < hu.length; i++) {
            hu[i] = (float) rnd.nextDouble(-1200, 1500);
        }
        AttenuationVolume vol = AttenuationVolume.of(new Volume(grid, hu));
        ProjectionGeometry view = Phantoms.viewAlongY(600, 1000, 101, 77, 0.8);
        float[] a = new DrrRenderer(sampling, DrrRenderer.DEFAULT_STEP_VOXELS, true).render(vol, view);
        float[] b = new DrrRenderer(sampling, DrrRenderer.DEFAULT_STEP_VOXELS, true).render(vol, view);
        float[] sequential = new float[view.pixelCount() + 5];
        Arrays.fill(sequential, -1f);
        new DrrRenderer(sampling, DrrRenderer.DEFAULT_STEP_VOXELS, false).render(vol, view, sequential);
        assertArrayEquals(a, b);
        assertArrayEquals(a, Arrays.copyOf(sequential, view.pixelCount()));
        assertEquals(-1f, sequential[view.pixelCount()], "values past the image are left alone");
        assertTrue(Arrays.stream(boxed(a)).filter(f -> f > 0).count() > view.pixelCount() / 4, "the volume is seen");
    }

    @Test
    void aFinerStepChangesAHomogeneousVolumeOnlyByRounding() {
        VolumeGrid grid = Phantoms.centredGrid(30, 1.0);
        float[] hu = new float[grid.voxelCount()];
        Arrays.fill(hu, 0f);
        AttenuationVolume vol = AttenuationVolume.of(new Volume(grid, hu));
        ProjectionGeometry view = Phantoms.viewAlongY(600, 1000, 9, 9, 1.0);
        float[] coarse = new DrrRenderer(1.0, false).render(vol, view);
        float[] fine = new DrrRenderer(0.1, false).render(vol, view);
        // central ray: straight through the 30 mm cube of water
        assertEquals(30 * AttenuationVolume.MU_WATER_PER_MM, fine[4 * 9 + 4], 1e-5);
        for (int i = 0; i < fine.length; i++) {
            assertEquals(fine[i], coarse[i], 1e-5);
        }
    }

    @Test
    void outputTooSmallIsRefused() {
        AttenuationVolume vol = AttenuationVolume.of(new Volume(Phantoms.centredGrid(4, 1.0), new float[64]));
        ProjectionGeometry view = Phantoms.viewAlongY(600, 1000, 8, 8, 1.0);
        assertThrows(IllegalArgumentException.class, () -> new DrrRenderer().render(vol, view, new float[63]));
        assertThrows(IllegalArgumentException.class, () -> new DrrRenderer(0, true));
    }

    private static Float[] boxed(float[] a) {
        Float[] out = new Float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }
}
