package org.vertreg.drr;

import java.util.stream.IntStream;

/**
 * Digitally reconstructed radiographs by ray casting: each detector pixel receives the line integral
 * of μ along the straight ray from the source to the pixel centre, in units of μ·mm (dimensionless).
 *
 * <p>Each ray is clipped to the volume's box (voxel index −0.5 to n − 0.5 on each axis) in index space,
 * and the clipped segment is integrated with the midpoint rule: N equal steps, N the smallest count
 * whose step is at most {@code stepVoxels} × the smallest voxel spacing, μ sampled trilinearly at each
 * step's centre. Rays that miss the box, or cross only air, give exactly 0.
 *
 * <p>Rows are rendered in parallel on the common fork-join pool (all cores) unless built sequential.
 * Each pixel is computed independently and in the same order of operations, so a parallel render is
 * bit-identical to a sequential one. Instances are immutable and thread-safe.
 */
public final class DrrRenderer {

    /** Default sampling step, as a fraction of the smallest voxel spacing. */
    public static final double DEFAULT_STEP_VOXELS = 0.5;

    private final double stepVoxels;
    private final boolean parallel;

    /** Default step, parallel over rows. */
    public DrrRenderer() {
        this(DEFAULT_STEP_VOXELS, true);
    }

    /**
     * @param stepVoxels largest sampling step, as a fraction of the smallest voxel spacing (0 &lt; step ≤ 2)
     * @param parallel   whether rows are spread over the common fork-join pool
     */
    public DrrRenderer(double stepVoxels, boolean parallel) {
        if (!(stepVoxels > 0 && stepVoxels <= 2)) {
            throw new IllegalArgumentException("step must be in (0, 2] voxels: " + stepVoxels);
        }
        this.stepVoxels = stepVoxels;
        this.parallel = parallel;
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
        RayFrame frame = new RayFrame(volume, geometry, stepVoxels * volume.minSpacing());
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
        private final double[] hi;
        private final double maxStepMm;
        private final int columns;
        // world (mm)
        private final double swx, swy, swz, d0x, d0y, d0z, ucx, ucy, ucz, vrx, vry, vrz;
        // padded index space
        private final double six, siy, siz, p0x, p0y, p0z, ciX, ciY, ciZ, riX, riY, riZ;

        RayFrame(AttenuationVolume vol, ProjectionGeometry g, double maxStepMm) {
            this.mu = vol.padded();
            this.px = vol.paddedNx();
            this.sliceSize = vol.paddedNx() * vol.paddedNy();
            this.hi = new double[] {vol.paddedNx() - 1.5, vol.paddedNy() - 1.5, vol.paddedNz() - 1.5};
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
            // slab clipping against the padded box [0.5, n + 0.5]
            double t0 = 0, t1 = 1;
            if (dx != 0) {
                double a = (0.5 - six) / dx, b = (hi[0] - six) / dx;
                t0 = Math.max(t0, Math.min(a, b));
                t1 = Math.min(t1, Math.max(a, b));
            } else if (six < 0.5 || six > hi[0]) {
                return 0;
            }
            if (dy != 0) {
                double a = (0.5 - siy) / dy, b = (hi[1] - siy) / dy;
                t0 = Math.max(t0, Math.min(a, b));
                t1 = Math.min(t1, Math.max(a, b));
            } else if (siy < 0.5 || siy > hi[1]) {
                return 0;
            }
            if (dz != 0) {
                double a = (0.5 - siz) / dz, b = (hi[2] - siz) / dz;
                t0 = Math.max(t0, Math.min(a, b));
                t1 = Math.min(t1, Math.max(a, b));
            } else if (siz < 0.5 || siz > hi[2]) {
                return 0;
            }
            if (!(t1 > t0)) {
                return 0;
            }
            double lengthMm = (t1 - t0) * Math.sqrt(wx * wx + wy * wy + wz * wz);
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
    }
}
