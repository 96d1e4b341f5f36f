package org.vertreg.imaging;

import java.util.Arrays;

/**
 * The voxel grid of a volume in DICOM patient coordinates (LPS, mm).
 *
 * <p>Voxel (i, j, k) has its centre at {@code origin + i·sx·u + j·sy·v + k·sz·w}, where u, v, w are
 * the unit column vectors of {@link #direction()} (row-major 3×3: {@code direction[3*r + c]} is
 * component r of axis c). Index i runs fastest in memory.
 */
public record VolumeGrid(int nx, int ny, int nz, double[] spacing, double[] origin, double[] direction) {

    public VolumeGrid {
        if (nx <= 0 || ny <= 0 || nz <= 0) {
            throw new IllegalArgumentException("grid dimensions must be positive: " + nx + "x" + ny + "x" + nz);
        }
        if (spacing.length != 3 || origin.length != 3 || direction.length != 9) {
            throw new IllegalArgumentException("spacing and origin need 3 values, direction 9");
        }
        for (double s : spacing) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("spacing must be positive and finite: " + Arrays.toString(spacing));
            }
        }
        spacing = spacing.clone();
        origin = origin.clone();
        direction = direction.clone();
    }

    /** An axis-aligned LPS grid (identity direction). */
    public static VolumeGrid axisAligned(int nx, int ny, int nz, double[] spacing, double[] origin) {
        return new VolumeGrid(nx, ny, nz, spacing, origin, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    }

    public int voxelCount() {
        return nx * ny * nz;
    }

    public int index(int i, int j, int k) {
        return i + nx * (j + ny * k);
    }

    /** LPS position (mm) of the centre of voxel (i, j, k); fractional indices allowed. */
    public double[] toPatient(double i, double j, double k) {
        double a = i * spacing[0], b = j * spacing[1], c = k * spacing[2];
        return new double[] {
            origin[0] + direction[0] * a + direction[1] * b + direction[2] * c,
            origin[1] + direction[3] * a + direction[4] * b + direction[5] * c,
            origin[2] + direction[6] * a + direction[7] * b + direction[8] * c,
        };
    }

    /** Continuous voxel index of an LPS point (inverse of {@link #toPatient}); direction must be orthonormal. */
    public double[] toIndex(double x, double y, double z) {
        double dx = x - origin[0], dy = y - origin[1], dz = z - origin[2];
        return new double[] {
            (direction[0] * dx + direction[3] * dy + direction[6] * dz) / spacing[0],
            (direction[1] * dx + direction[4] * dy + direction[7] * dz) / spacing[1],
            (direction[2] * dx + direction[5] * dy + direction[8] * dz) / spacing[2],
        };
    }

    /**
     * How far apart (mm) two positions may be and still name the same voxel centre: a tenth of the finest spacing, far
     * below half a voxel, and far above the rounding of positions written as decimal text.
     */
    public double positionTolerance() {
        return 0.1 * Math.min(spacing[0], Math.min(spacing[1], spacing[2]));
    }

    /** Whether two grids describe the same voxels within {@code tolMm} at every corner. */
    public boolean sameGeometry(VolumeGrid other, double tolMm) {
        if (nx != other.nx || ny != other.ny || nz != other.nz) {
            return false;
        }
        for (int corner = 0; corner < 8; corner++) {
            double i = (corner & 1) == 0 ? 0 : nx - 1, j = (corner & 2) == 0 ? 0 : ny - 1, k = (corner & 4) == 0 ? 0 : nz - 1;
            double[] a = toPatient(i, j, k), b = other.toPatient(i, j, k);
            if (Math.abs(a[0] - b[0]) > tolMm || Math.abs(a[1] - b[1]) > tolMm || Math.abs(a[2] - b[2]) > tolMm) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VolumeGrid g && nx == g.nx && ny == g.ny && nz == g.nz
                && Arrays.equals(spacing, g.spacing) && Arrays.equals(origin, g.origin) && Arrays.equals(direction, g.direction);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (nx * 961 + ny * 31 + nz) + Arrays.hashCode(spacing)) + Arrays.hashCode(origin);
    }

    @Override
    public String toString() {
        return nx + "x" + ny + "x" + nz + " spacing " + Arrays.toString(spacing) + " origin " + Arrays.toString(origin)
                + " direction " + Arrays.toString(direction);
    }
}
