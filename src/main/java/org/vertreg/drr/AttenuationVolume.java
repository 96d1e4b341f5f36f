package org.vertreg.drr;

import org.vertreg.imaging.Volume;
import org.vertreg.imaging.VolumeGrid;

/**
 * Linear attenuation coefficients of a CT volume, prepared once for rendering.
 *
 * <p>μ = μ_water·(1 + HU/1000) per mm, with μ_water = {@value #MU_WATER_PER_MM} /mm (water at a
 * diagnostic effective energy of roughly 70 keV) and HU below −1000 clamped to air (μ = 0). With a
 * bone threshold, every voxel below the threshold is set to 0, so only bone projects.
 *
 * <p>The volume is the box of its voxels, from index −0.5 to n − 0.5 on each axis. It is stored with a
 * one-voxel border that repeats the edge voxels, so that trilinear sampling anywhere in that box needs
 * no bounds checks: padded index = voxel index + 1. The world → padded-index affine is precomputed.
 *
 * <p>It also keeps the box that holds every voxel with μ &gt; 0, grown by {@value #CLIP_MARGIN_VOXELS} voxels and cut
 * to the volume's box: rays are clipped to it, because interpolation beyond one voxel of it sees only zeros. A
 * vertebra alone fills a fraction of its crop, so most of its crop's rays end early or are never cast.
 */
public final class AttenuationVolume {

    /** Linear attenuation coefficient of water, per mm. */
    public static final double MU_WATER_PER_MM = 0.02;

    private final VolumeGrid grid;
    private final int px, py, pz;
    private final float[] padded;
    /** Row-major 3×4: paddedIndex = M·(x, y, z, 1). */
    private final double[] worldToPadded;
    private final double minSpacing;
    /**
     * Margin of the occupied box: one voxel for the interpolation footprint, one more so that Joseph's first and last
     * planes, whose in-plane position moves by at most half a voxel within their slab, also fall on zeros.
     */
    static final int CLIP_MARGIN_VOXELS = 2;
    /** Clip box in padded index space, [lo, hi] per axis; empty (lo &gt; hi) when every μ is 0. */
    private final double[] clipLo, clipHi;

    private AttenuationVolume(VolumeGrid grid, float[] padded, double[] worldToPadded, int[] occupiedLo, int[] occupiedHi) {
        this.grid = grid;
        this.px = grid.nx() + 2;
        this.py = grid.ny() + 2;
        this.pz = grid.nz() + 2;
        this.padded = padded;
        this.worldToPadded = worldToPadded;
        double[] s = grid.spacing();
        this.minSpacing = Math.min(s[0], Math.min(s[1], s[2]));
        int[] n = {px, py, pz};
        this.clipLo = new double[3];
        this.clipHi = new double[3];
        for (int a = 0; a < 3; a++) {
            clipLo[a] = Math.max(0.5, occupiedLo[a] - CLIP_MARGIN_VOXELS);
            clipHi[a] = Math.min(n[a] - 1.5, occupiedHi[a] + CLIP_MARGIN_VOXELS);
        }
    }

    /** All tissue attenuates. */
    public static AttenuationVolume of(Volume volume) {
        return of(volume, Double.NEGATIVE_INFINITY);
    }

    /** Voxels below {@code boneThresholdHu} are set to 0 (pass −∞ to keep everything). */
    public static AttenuationVolume of(Volume volume, double boneThresholdHu) {
        VolumeGrid g = volume.grid();
        int nx = g.nx(), ny = g.ny(), nz = g.nz();
        int px = nx + 2, py = ny + 2, pz = nz + 2;
        float[] hu = volume.hu();
        float[] out = new float[px * py * pz];
        int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE}, hi = {Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
        for (int k = 0; k < pz; k++) {
            int sk = clamp(k - 1, nz);
            for (int j = 0; j < py; j++) {
                int sj = clamp(j - 1, ny);
                int src = nx * (sj + ny * sk);
                int dst = px * (j + py * k);
                for (int i = 0; i < px; i++) {
                    float h = hu[src + clamp(i - 1, nx)];
                    float mu = h < boneThresholdHu ? 0f : attenuation(h);
                    out[dst + i] = mu;
                    if (mu > 0) {
                        lo[0] = Math.min(lo[0], i);
                        hi[0] = Math.max(hi[0], i);
                        lo[1] = Math.min(lo[1], j);
                        hi[1] = Math.max(hi[1], j);
                        lo[2] = Math.min(lo[2], k);
                        hi[2] = Math.max(hi[2], k);
                    }
                }
            }
        }
        double[] d = g.direction(), s = g.spacing(), o = g.origin();
        double[] m = new double[12];
        for (int r = 0; r < 3; r++) {
            // index_r = (axis_r · (x − o)) / s_r + 1, axis_r = column r of the direction matrix
            double a0 = d[r] / s[r], a1 = d[3 + r] / s[r], a2 = d[6 + r] / s[r];
            m[4 * r] = a0;
            m[4 * r + 1] = a1;
            m[4 * r + 2] = a2;
            m[4 * r + 3] = 1 - (a0 * o[0] + a1 * o[1] + a2 * o[2]);
        }
        return new AttenuationVolume(g, out, m, lo, hi);
    }

    /** The same volume with rays clipped to its whole box only, to check that the occupied box changes no integral. */
    AttenuationVolume withWholeBoxClipping() {
        return new AttenuationVolume(grid, padded, worldToPadded, new int[] {-1, -1, -1}, new int[] {px + 1, py + 1, pz + 1});
    }

    /** μ (per mm) of a Hounsfield value: μ_water·(1 + HU/1000), 0 at and below −1000 HU. */
    public static float attenuation(float hu) {
        return hu <= -1000f ? 0f : (float) (MU_WATER_PER_MM * (1 + hu / 1000.0));
    }

    public VolumeGrid grid() {
        return grid;
    }

    /** μ (per mm) of voxel (i, j, k). */
    public float muAt(int i, int j, int k) {
        return padded[(i + 1) + px * ((j + 1) + py * (k + 1))];
    }

    /** The smallest voxel spacing (mm). */
    public double minSpacing() {
        return minSpacing;
    }

    int paddedNx() {
        return px;
    }

    int paddedNy() {
        return py;
    }

    int paddedNz() {
        return pz;
    }

    /** Lower corner of the box rays are clipped to (padded index), per axis. */
    double clipLo(int axis) {
        return clipLo[axis];
    }

    /** Upper corner of the box rays are clipped to (padded index); below {@link #clipLo} when μ is 0 everywhere. */
    double clipHi(int axis) {
        return clipHi[axis];
    }

    /** Whether every μ is 0, so that every ray integrates to 0. */
    boolean isEmpty() {
        return clipHi[0] < clipLo[0];
    }

    float[] padded() {
        return padded;
    }

    /** Writes the padded index of LPS point (x, y, z) into {@code out}. */
    void toPaddedIndex(double x, double y, double z, double[] out) {
        double[] m = worldToPadded;
        out[0] = m[0] * x + m[1] * y + m[2] * z + m[3];
        out[1] = m[4] * x + m[5] * y + m[6] * z + m[7];
        out[2] = m[8] * x + m[9] * y + m[10] * z + m[11];
    }

    /** Padded index of an LPS direction (no translation). */
    void toPaddedDirection(double x, double y, double z, double[] out) {
        double[] m = worldToPadded;
        out[0] = m[0] * x + m[1] * y + m[2] * z;
        out[1] = m[4] * x + m[5] * y + m[6] * z;
        out[2] = m[8] * x + m[9] * y + m[10] * z;
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : i >= n ? n - 1 : i;
    }
}
