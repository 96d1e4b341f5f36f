package org.vertreg.imaging;

import java.util.Random;

/**
 * A synthetic lumbar-like vertebra in soft tissue, with its label map, for tests and demos.
 *
 * <p>The grid is axis-aligned LPS with its centre at (0, 0, 0). The anatomy is drawn for a 64 mm in-plane field
 * and scaled by {@code min(nx·s, ny·s) / 64 mm}; at 64³ × 1 mm (scale 1), in mm:
 * <ul>
 *   <li>vertebral body: elliptic cylinder along z (S), centre y = −5, semi-axes 11 (x) × 8 (y), 12 high; a
 *       cortical shell {@value #CORTICAL_HU} HU, 1.5 mm thick (at least one voxel), round a cancellous interior of
 *       {@value #CANCELLOUS_HU} HU;</li>
 *   <li>spinal canal: radius 5 round (0, 9), posterior (+y) of the body, soft tissue;</li>
 *   <li>posterior elements, solid cortical bone {@value #CORTICAL_HU} HU: pedicles at x = ±6.5 from the body
 *       to the canal's side, laminae closing the canal behind it, a spinous process from y = 15 to y = 28 on
 *       the midline, transverse processes out to x = ±20 (left/right);</li>
 *   <li>soft tissue {@value #SOFT_TISSUE_HU} HU in an elliptic cylinder along z (semi-axes 28 × 24, centre
 *       y = 7), air {@value #AIR_HU} HU outside it;</li>
 *   <li>optionally the same vertebra 16 mm above (+z, label {@value #ABOVE_LABEL}) and below (−z, label
 *       {@value #BELOW_LABEL}) the middle one (label {@value #MIDDLE_LABEL}); between them, soft tissue (disc).</li>
 * </ul>
 * Label ids follow the usual 1..24 = C1..L5 numbering: 20 is L1, 19 the T12 above it, 21 the L2 below. Noise is
 * Gaussian with a given standard deviation in HU from a given seed, added everywhere; none by default.
 *
 * @param volume HU values
 * @param labels vertebra labels (0 elsewhere) on the same grid
 */
public record SpinePhantom(Volume volume, LabelMap labels) {

    public static final int MIDDLE_LABEL = 20;
    public static final int ABOVE_LABEL = 19;
    public static final int BELOW_LABEL = 21;
    public static final float CORTICAL_HU = 1000f;
    public static final float CANCELLOUS_HU = 250f;
    public static final float SOFT_TISSUE_HU = 40f;
    public static final float AIR_HU = -1000f;
    /** Distance between neighbouring vertebrae along z at scale 1, mm. */
    public static final double LEVEL_SPACING_MM = 16;

    /**
     * How to build a phantom.
     *
     * @param nx             grid size along x (L), voxels
     * @param ny             grid size along y (P), voxels
     * @param nz             grid size along z (S), voxels
     * @param spacingMm      isotropic voxel size, mm
     * @param neighbours     whether to add the vertebrae above and below
     * @param noiseSigmaHu   standard deviation of the added Gaussian noise (0 = none)
     * @param noiseSeed      seed of the noise
     */
    public record Options(int nx, int ny, int nz, double spacingMm, boolean neighbours, double noiseSigmaHu, long noiseSeed) {

        public Options {
            if (nx <= 0 || ny <= 0 || nz <= 0 || !(spacingMm > 0) || Double.isInfinite(spacingMm)) {
                throw new IllegalArgumentException("grid " + nx + "x" + ny + "x" + nz + " at " + spacingMm + " mm is not a grid");
            }
            if (!(noiseSigmaHu >= 0) || Double.isInfinite(noiseSigmaHu)) {
                throw new IllegalArgumentException("noise must be finite and not negative: " + noiseSigmaHu);
            }
        }

        /** 64³ voxels of 1 mm, with neighbours, no noise. */
        public static Options defaults() {
            return new Options(64, 64, 64, 1.0, true, 0, 0);
        }

        public Options withGrid(int n, double spacing) {
            return new Options(n, n, n, spacing, neighbours, noiseSigmaHu, noiseSeed);
        }

        public Options withNeighbours(boolean on) {
            return new Options(nx, ny, nz, spacingMm, on, noiseSigmaHu, noiseSeed);
        }

        public Options withNoise(double sigmaHu, long seed) {
            return new Options(nx, ny, nz, spacingMm, neighbours, sigmaHu, seed);
        }
    }

    /** A phantom with {@link Options#defaults()}. */
    public static SpinePhantom create() {
        return create(Options.defaults());
    }

    public static SpinePhantom create(Options o) {
        double s = o.spacingMm();
        VolumeGrid grid = VolumeGrid.axisAligned(o.nx(), o.ny(), o.nz(), new double[] {s, s, s},
                new double[] {-(o.nx() - 1) * s / 2, -(o.ny() - 1) * s / 2, -(o.nz() - 1) * s / 2});
        double scale = Math.min(o.nx() * s, o.ny() * s) / 64.0;
        double shell = Math.max(1.5 * scale, s);
        float[] hu = new float[grid.voxelCount()];
        short[] labels = new short[grid.voxelCount()];
        Random noise = new Random(o.noiseSeed());
        for (int k = 0; k < o.nz(); k++) {
            for (int j = 0; j < o.ny(); j++) {
                for (int i = 0; i < o.nx(); i++) {
                    double[] p = grid.toPatient(i, j, k);
                    double x = p[0] / scale, y = p[1] / scale, z = p[2] / scale;
                    int d = grid.index(i, j, k);
                    hu[d] = sq(x / 28) + sq((y - 7) / 24) <= 1 ? SOFT_TISSUE_HU : AIR_HU;
                    for (int level = -1; level <= 1; level++) {
                        if (level != 0 && !o.neighbours()) {
                            continue;
                        }
                        float bone = vertebra(x, y, z + level * LEVEL_SPACING_MM, shell / scale);
                        if (!Float.isNaN(bone)) {
                            hu[d] = bone;
                            labels[d] = (short) (MIDDLE_LABEL + level);
                        }
                    }
                    if (o.noiseSigmaHu() > 0) {
                        hu[d] += (float) (noise.nextGaussian() * o.noiseSigmaHu());
                    }
                }
            }
        }
        return new SpinePhantom(new Volume(grid, hu), new LabelMap(grid, labels));
    }

    /** HU of the vertebra centred at the origin at (x, y, z) in scale-1 mm, NaN outside it. */
    private static float vertebra(double x, double y, double z, double shell) {
        double az = Math.abs(z);
        // Vertebral body: cortical shell round a cancellous core.
        if (az <= 6 && sq(x / 11) + sq((y + 5) / 8) <= 1) {
            boolean core = az <= 6 - shell && sq(x / (11 - shell)) + sq((y + 5) / (8 - shell)) <= 1;
            return core ? CANCELLOUS_HU : CORTICAL_HU;
        }
        if (sq(x) + sq(y - 9) <= 25) {
            return Float.NaN; // spinal canal
        }
        double ax = Math.abs(x);
        boolean pedicle = y >= 2 && y <= 10 && sq(ax - 6.5) + sq(z) <= 4;
        boolean lamina = az <= 4 && segmentDistance(ax, y, 6.5, 10, 0, 15) <= 1.5;
        boolean spinous = az <= 4 && ax <= 1.5 && y >= 14 && y <= 28;
        boolean transverse = ax >= 6.5 && ax <= 20 && sq(y - 8) + sq(z) <= 4;
        return pedicle || lamina || spinous || transverse ? CORTICAL_HU : Float.NaN;
    }

    private static double segmentDistance(double px, double py, double ax, double ay, double bx, double by) {
        double dx = bx - ax, dy = by - ay;
        double t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
        return Math.hypot(px - ax - t * dx, py - ay - t * dy);
    }

    private static double sq(double v) {
        return v * v;
    }
}
