package org.vertreg.drr;

import org.vertreg.imaging.Volume;
import org.vertreg.imaging.VolumeGrid;

/** Synthetic volumes and views for the renderer's tests. */
final class Phantoms {

    /** Attenuation of the phantoms' material: 1000 HU, μ = 2·μ_water. */
    static final float MATERIAL_HU = 1000f;
    static final double MATERIAL_MU = 2 * AttenuationVolume.MU_WATER_PER_MM;

    interface Shape {
        boolean inside(double x, double y, double z);
    }

    private Phantoms() {
    }

    /** An axis-aligned cube of n³ voxels of the given spacing centred on the LPS origin. */
    static VolumeGrid centredGrid(int n, double spacing) {
        double o = -(n - 1) / 2.0 * spacing;
        return VolumeGrid.axisAligned(n, n, n, new double[] {spacing, spacing, spacing}, new double[] {o, o, o});
    }

    /**
     * The shape in material on air, each voxel holding its partial-volume fraction (sub × sub × sub
     * samples): HU = −1000 + fraction·2000, so μ = fraction·{@link #MATERIAL_MU}.
     */
    static Volume voxelise(VolumeGrid grid, Shape shape, int sub) {
        float[] hu = new float[grid.voxelCount()];
        double[] s = grid.spacing();
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    double[] c = grid.toPatient(i, j, k);
                    int in = 0;
                    for (int a = 0; a < sub; a++) {
                        double x = c[0] + ((a + 0.5) / sub - 0.5) * s[0];
                        for (int b = 0; b < sub; b++) {
                            double y = c[1] + ((b + 0.5) / sub - 0.5) * s[1];
                            for (int d = 0; d < sub; d++) {
                                double z = c[2] + ((d + 0.5) / sub - 0.5) * s[2];
                                if (shape.inside(x, y, z)) {
                                    in++;
                                }
                            }
                        }
                    }
                    double fraction = in / (double) (sub * sub * sub);
                    hu[grid.index(i, j, k)] = (float) (-1000 + fraction * (MATERIAL_HU + 1000));
                }
            }
        }
        return new Volume(grid, hu);
    }

    /**
     * An antero-posterior-like view along +y (posterior): source at y = −sourceToCentre, detector plane
     * at y = detectorDistance − sourceToCentre, centred on the y axis; columns along +x, rows along −z.
     */
    static ProjectionGeometry viewAlongY(double sourceToCentre, double sourceToDetector, int columns, int rows, double pixel) {
        double yDet = sourceToDetector - sourceToCentre;
        double[] u = {1, 0, 0};
        double[] v = {0, 0, -1};
        double[] origin = {-(columns - 1) / 2.0 * pixel, yDet, (rows - 1) / 2.0 * pixel};
        return new ProjectionGeometry(new double[] {0, -sourceToCentre, 0}, origin, u, v, pixel, pixel, columns, rows);
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
