package org.vertreg.drr;

import java.util.stream.IntStream;

/**
 * Digitally reconstructed radiographs by ray casting: each detector pixel receives the line integral
 * of μ along the straight ray from the source to the pixel centre, in units of μ·mm (dimensionless).
 *
 * <p>Each ray is clipped, in index space, to the volume's box (voxel index −0.5 to n − 0.5 on each axis) cut down to
 * where μ is not 0 (see {@link AttenuationVolume}); beyond that box every sample would be 0.
 * With {@link Sampling#SLICE_BILINEAR} (Joseph's method, the default) μ is sampled bilinearly once per voxel plane
 * of the axis the ray runs most along. With {@link Sampling#TRILINEAR} the clipped segment is integrated with the
 * midpoint rule instead: N equal steps, N the smallest count whose step is at most {@code stepVoxels} × the smallest
 * voxel spacing, μ sampled trilinearly at each step's centre. Rays that miss the box, or cross only air, give
 * exactly 0.
 *
 * <p>Rows are rendered in parallel on the common fork-join pool (all cores) unless built sequential.
 * Each pixel is computed independently and in the same order of operations, so a parallel render is
 * bit-identical to a sequential one. Instances are immutable and thread-safe.
 */
public final class DrrRenderer {

    /**
     * Joseph's method: as exact as trilinear steps on the analytic phantoms and against plastimatch (see the agreement
     * test), at a quarter of the loads and about a third of the time, which training and refinement need.
     */
    public static final Sampling DEFAULT_SAMPLING = Sampling.SLICE_BILINEAR;

    /** Default trilinear sampling step, as a fraction of the smallest voxel spacing. */
    public static final double DEFAULT_STEP_VOXELS = 0.5;

    /** How μ is sampled along a ray. */
    public enum Sampling {
        /** Trilinear samples at the centres of equal steps of at most {@code stepVoxels} × the smallest spacing. */
        TRILINEAR,
        /**
         * Joseph's method: one bilinear sample where the ray crosses each voxel-centre plane of the axis
         * the ray runs most along, weighted by the ray length between half-planes (the first and last
         * clipped to the volume box). Four loads per voxel crossed instead of eight per half voxel:
         * about four times faster, equally exact on the analytic phantoms; {@code stepVoxels} is unused.
         */
        SLICE_BILINEAR
    }

    private final double stepVoxels;
    private final boolean parallel;
    private final Sampling sampling;

    /** {@link #DEFAULT_SAMPLING}, parallel over rows. */
    public DrrRenderer() {
        this(DEFAULT_SAMPLING, DEFAULT_STEP_VOXELS, true);
    }

    /**
     * Trilinear sampling with the given step.
     *
     * @param stepVoxels largest sampling step, as a fraction of the smallest voxel spacing (0 &lt; step ≤ 2)
     * @param parallel   whether rows are spread over the common fork-join pool
     */
    public DrrRenderer(double stepVoxels, boolean parallel) {
        this(Sampling.TRILINEAR, stepVoxels, parallel);
    }

    /**
     * @param sampling   how μ is sampled along each ray
     * @param stepVoxels largest trilinear step, as a fraction of the smallest voxel spacing (0 &lt; step ≤ 2)
     * @param parallel   whether rows are spread over the common fork-join pool
     */
    public DrrRenderer(Sampling sampling, double stepVoxels, boolean parallel) {
        if (!(stepVoxels > 0 && stepVoxels <= 2)) {
            throw new IllegalArgumentException("step must be in (0, 2] voxels: " + stepVoxels);
        }
        this.sampling = java.util.Objects.requireNonNull(sampling, "sampling");
        this.stepVoxels = stepVoxels;
        this.parallel = parallel;
    }

    public Sampling sampling() {
        return sampling;
    }

    public double stepVoxels() {
        return stepVoxels;
    }

    public boolean parallel() {
        return parallel;
    }

    /** Renders into a new image, row-major, {@code geometry.columns() × geometry.rows()}. */
    public float[] render(AttenuationVolume volume, ProjectionGeometry geometry) {
        float[] out = new float[geometry.pixelCount()];
        render(volume, geometry, out);
        return out;
    }

    /** Renders into {@code out} (row-major, pixel (c, r) at {@code r·columns + c}); extra elements are left alone. */
    public void render(AttenuationVolume volume, ProjectionGeometry geometry, float[] out) {
        if (out.length < geometry.pixelCount()) {
            throw new IllegalArgumentException("output holds " + out.length + " values, the detector has " + geometry.pixelCount());
        }
        if (volume.isEmpty()) {
            java.util.Arrays.fill(out, 0, geometry.pixelCount(), 0f);
            return;
        }
        RayFrame frame = new RayFrame(volume, geometry, stepVoxels * volume.minSpacing(), sampling == Sampling.SLICE_BILINEAR);
        if (parallel) {
            IntStream.range(0, geometry.rows()).parallel().forEach(row -> frame.renderRow(row, out));
        } else {
            for (int row = 0; row < geometry.rows(); row++) {
                frame.renderRow(row, out);
            }
        }
    }

    /** Everything a row needs, precomputed once per render, in world (mm) and padded-index space. */
    private static final class RayFrame {
        private final float[] mu;
        private final int px, sliceSize;
        private final double[] lo, hi;
        private final double maxStepMm;
        private final int columns;
        private final boolean slices;
        private final int[] strides;
        // world (mm)
        private final double swx, swy, swz, d0x, d0y, d0z, ucx, ucy, ucz, vrx, vry, vrz;
        // padded index space
        private final double six, siy, siz, p0x, p0y, p0z, ciX, ciY, ciZ, riX, riY, riZ;

        RayFrame(AttenuationVolume vol, ProjectionGeometry g, double maxStepMm, boolean slices) {
            this.slices = slices;
            this.strides = new int[] {1, vol.paddedNx(), vol.paddedNx() * vol.paddedNy()};
            this.mu = vol.padded();
            this.px = vol.paddedNx();
            this.sliceSize = vol.paddedNx() * vol.paddedNy();
            this.lo = new double[] {vol.clipLo(0), vol.clipLo(1), vol.clipLo(2)};
            this.hi = new double[] {vol.clipHi(0), vol.clipHi(1), vol.clipHi(2)};
            this.maxStepMm = maxStepMm;
            this.columns = g.columns();
            double[] s = g.source(), d0 = g.detectorOrigin(), u = g.u(), v = g.v();
            double su = g.pixelSpacingU(), sv = g.pixelSpacingV();
            swx = s[0];
            swy = s[1];
            swz = s[2];
            d0x = d0[0];
            d0y = d0[1];
            d0z = d0[2];
            ucx = u[0] * su;
            ucy = u[1] * su;
            ucz = u[2] * su;
            vrx = v[0] * sv;
            vry = v[1] * sv;
            vrz = v[2] * sv;
            double[] t = new double[3];
            vol.toPaddedIndex(s[0], s[1], s[2], t);
            six = t[0];
            siy = t[1];
            siz = t[2];
            vol.toPaddedIndex(d0[0], d0[1], d0[2], t);
            p0x = t[0];
            p0y = t[1];
            p0z = t[2];
            vol.toPaddedDirection(ucx, ucy, ucz, t);
            ciX = t[0];
            ciY = t[1];
            ciZ = t[2];
            vol.toPaddedDirection(vrx, vry, vrz, t);
            riX = t[0];
            riY = t[1];
            riZ = t[2];
        }

        void renderRow(int row, float[] out) {
            int base = row * columns;
            for (int c = 0; c < columns; c++) {
                out[base + c] = (float) ray(c, row);
            }
        }

        /** Line integral from the source to the centre of pixel (c, r). */
        private double ray(int c, int r) {
            // ray direction (source → pixel), world and index space; parameter t in [0, 1]
            double wx = d0x + c * ucx + r * vrx - swx;
            double wy = d0y + c * ucy + r * vry - swy;
            double wz = d0z + c * ucz + r * vrz - swz;
            double dx = p0x + c * ciX + r * riX - six;
            double dy = p0y + c * ciY + r * riY - siy;
            double dz = p0z + c * ciZ + r * riZ - siz;
            // slab clipping against the clip box (within the padded box [0.5, n + 0.5])
            double t0 = 0, t1 = 1;
            if (dx != 0) {
                double a = (lo[0] - six) / dx, b = (hi[0] - six) / dx;
                t0 = Math.max(t0, Math.min(a, b));
                t1 = Math.min(t1, Math.max(a, b));
            } else if (six < lo[0] || six > hi[0]) {
                return 0;
            }
            if (dy != 0) {
                double a = (lo[1] - siy) / dy, b = (hi[1] - siy) / dy;
                t0 = Math.max(t0, Math.min(a, b));
                t1 = Math.min(t1, Math.max(a, b));
            } else if (siy < lo[1] || siy > hi[1]) {
                return 0;
            }
            if (dz != 0) {
                double a = (lo[2] - siz) / dz, b = (hi[2] - siz) / dz;
                t0 = Math.max(t0, Math.min(a, b));
                t1 = Math.min(t1, Math.max(a, b));
            } else if (siz < lo[2] || siz > hi[2]) {
                return 0;
            }
            if (!(t1 > t0)) {
                return 0;
            }
            double rayMm = Math.sqrt(wx * wx + wy * wy + wz * wz);
            if (slices) {
                double ax = Math.abs(dx), ay = Math.abs(dy), az = Math.abs(dz);
                if (ax >= ay && ax >= az) {
                    return slices(six, dx, strides[0], siy, dy, strides[1], lo[1], hi[1], siz, dz, strides[2], lo[2], hi[2], t0, t1, rayMm);
                } else if (ay >= az) {
                    return slices(siy, dy, strides[1], six, dx, strides[0], lo[0], hi[0], siz, dz, strides[2], lo[2], hi[2], t0, t1, rayMm);
                }
                return slices(siz, dz, strides[2], six, dx, strides[0], lo[0], hi[0], siy, dy, strides[1], lo[1], hi[1], t0, t1, rayMm);
            }
            double lengthMm = (t1 - t0) * rayMm;
            int n = (int) Math.ceil(lengthMm / maxStepMm);
            if (n < 1) {
                n = 1;
            }
            double dt = (t1 - t0) / n;
            double startT = t0 + 0.5 * dt;
            // index-space start and step in float: positions stay below ~10^4, so float keeps 1e-3 voxel
            final float x0 = (float) (six + startT * dx), y0 = (float) (siy + startT * dy), z0 = (float) (siz + startT * dz);
            final float sx = (float) (dt * dx), sy = (float) (dt * dy), sz = (float) (dt * dz);
            final float[] m = mu;
            final int pxl = px, slice = sliceSize;
            double sum = 0;
            for (int k = 0; k < n; k++) {
                float x = x0 + k * sx, y = y0 + k * sy, z = z0 + k * sz;
                int ix = (int) x, iy = (int) y, iz = (int) z;
                float fx = x - ix, fy = y - iy, fz = z - iz;
                int i = ix + pxl * iy + slice * iz;
                float v000 = m[i], v100 = m[i + 1], v010 = m[i + pxl], v110 = m[i + pxl + 1];
                int j = i + slice;
                float v001 = m[j], v101 = m[j + 1], v011 = m[j + pxl], v111 = m[j + pxl + 1];
                float c00 = v000 + fx * (v100 - v000);
                float c10 = v010 + fx * (v110 - v010);
                float c01 = v001 + fx * (v101 - v001);
                float c11 = v011 + fx * (v111 - v011);
                float c0 = c00 + fy * (c10 - c00);
                float c1 = c01 + fy * (c11 - c01);
                sum += c0 + fz * (c1 - c0);
            }
            return sum * (lengthMm / n);
        }

        /**
         * Joseph's method along axis a (the ray's main axis, da ≠ 0), with in-plane axes b and c. Plane p
         * (padded index p = 1..n) stands for the slab [p − 0.5, p + 0.5] of axis a, clipped to the segment.
         */
        private double slices(double sa, double da, int strideA, double sb, double db, int strideB, double loB, double hiB, double sc,
                double dc, int strideC, double loC, double hiC, double t0, double t1, double rayMm) {
            double aEnter = sa + t0 * da, aExit = sa + t1 * da;
            double loA = Math.min(aEnter, aExit), hiA = Math.max(aEnter, aExit);
            final int first = (int) Math.floor(loA + 0.5), last = (int) Math.floor(hiA + 0.5);
            // loA ≥ 0.5 and hiA ≤ n + 0.5 (the clip box lies in the padded box), so 1 ≤ first ≤ last ≤ n + 1; plane n + 1 (the padding) only
            // when hiA is exactly on the far face, with weight 0
            double mmPerUnit = rayMm / Math.abs(da);
            double slopeB = db / da, slopeC = dc / da;
            if (first == last) {
                return (hiA - loA) * mmPerUnit * planeClamped(first, strideA, sa, sb, slopeB, strideB, loB, hiB, sc, slopeC, strideC, loC, hiC);
            }
            double sum = (first + 0.5 - loA) * planeClamped(first, strideA, sa, sb, slopeB, strideB, loB, hiB, sc, slopeC, strideC, loC, hiC)
                    + (hiA - (last - 0.5)) * planeClamped(last, strideA, sa, sb, slopeB, strideB, loB, hiB, sc, slopeC, strideC, loC, hiC);
            // interior planes lie inside the clipped segment, so inside the box: no clamping
            final float[] m = mu;
            final float b0 = (float) (sb + (first + 1 - sa) * slopeB), c0 = (float) (sc + (first + 1 - sa) * slopeC);
            final float sB = (float) slopeB, sC = (float) slopeC;
            final int sbStride = strideB, scStride = strideC, count = last - first - 1;
            int base = (first + 1) * strideA;
            // Math.fma is one instruction on x86-64 since 2013 (FMA3) and fuses the lerps' multiply-adds
            double inner = 0;
            float kf = 0;
            if (sbStride == 1) {
                // rays along y or z: the first in-plane axis is x, whose neighbours are adjacent floats
                for (int k = 0; k < count; k++, base += strideA, kf += 1f) {
                    float b = Math.fma(kf, sB, b0), c = Math.fma(kf, sC, c0);
                    int ib = (int) b, ic = (int) c;
                    float fb = b - ib, fc = c - ic;
                    int i = base + ib + ic * scStride, j = i + scStride;
                    float v00 = m[i], v10 = m[i + 1], v01 = m[j], v11 = m[j + 1];
                    float e0 = Math.fma(fb, v10 - v00, v00);
                    float e1 = Math.fma(fb, v11 - v01, v01);
                    inner += Math.fma(fc, e1 - e0, e0);
                }
            } else {
                for (int k = 0; k < count; k++, base += strideA, kf += 1f) {
                    float b = Math.fma(kf, sB, b0), c = Math.fma(kf, sC, c0);
                    int ib = (int) b, ic = (int) c;
                    float fb = b - ib, fc = c - ic;
                    int i = base + ib * sbStride + ic * scStride, j = i + scStride;
                    float v00 = m[i], v10 = m[i + sbStride], v01 = m[j], v11 = m[j + sbStride];
                    float e0 = Math.fma(fb, v10 - v00, v00);
                    float e1 = Math.fma(fb, v11 - v01, v01);
                    inner += Math.fma(fc, e1 - e0, e0);
                }
            }
            return (sum + inner) * mmPerUnit;
        }

        /** Bilinear μ on plane p of axis a where the ray crosses it, in-plane position clamped to the box. */
        private double planeClamped(int p, int strideA, double sa, double sb, double slopeB, int strideB, double loB, double hiB,
                double sc, double slopeC, int strideC, double loC, double hiC) {
            double b = Math.min(hiB, Math.max(loB, sb + (p - sa) * slopeB));
            double c = Math.min(hiC, Math.max(loC, sc + (p - sa) * slopeC));
            int ib = (int) b, ic = (int) c;
            double fb = b - ib, fc = c - ic;
            int i = p * strideA + ib * strideB + ic * strideC;
            double e0 = mu[i] + fb * (mu[i + strideB] - mu[i]);
            double e1 = mu[i + strideC] + fb * (mu[i + strideB + strideC] - mu[i + strideC]);
            return e0 + fc * (e1 - e0);
        }
    }
}
