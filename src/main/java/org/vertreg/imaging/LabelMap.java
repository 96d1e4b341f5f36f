package org.vertreg.imaging;

/** Integer labels (e.g. vertebra ids, 0 = background) on a {@link VolumeGrid}. */
public record LabelMap(VolumeGrid grid, short[] labels) {

    public LabelMap {
        if (labels.length != grid.voxelCount()) {
            throw new IllegalArgumentException("expected " + grid.voxelCount() + " voxels, got " + labels.length);
        }
    }

    public int at(int i, int j, int k) {
        return labels[grid.index(i, j, k)];
    }

    /** {@link #onGrid(VolumeGrid, double)} within the target's {@link VolumeGrid#positionTolerance()}. */
    public LabelMap onGrid(VolumeGrid target) {
        return onGrid(target, target.positionTolerance());
    }

    /**
     * The same labels on {@code target}, a grid covering the same voxel centres in any axis order or
     * direction (a NIfTI written from a DICOM series often flips or permutes the axes).
     *
     * @throws IllegalArgumentException when some target voxel centre is not a voxel centre of this map
     */
    public LabelMap onGrid(VolumeGrid target, double toleranceMm) {
        if (target.voxelCount() != grid.voxelCount()) {
            throw new IllegalArgumentException("the label grid " + grid + " holds other voxels than " + target);
        }
        short[] out = new short[target.voxelCount()];
        for (int k = 0; k < target.nz(); k++) {
            for (int j = 0; j < target.ny(); j++) {
                for (int i = 0; i < target.nx(); i++) {
                    double[] p = target.toPatient(i, j, k);
                    double[] q = grid.toIndex(p[0], p[1], p[2]);
                    int si = (int) Math.round(q[0]), sj = (int) Math.round(q[1]), sk = (int) Math.round(q[2]);
                    double offMm = Math.max(Math.abs(q[0] - si) * grid.spacing()[0], Math.max(Math.abs(q[1] - sj) * grid.spacing()[1],
                            Math.abs(q[2] - sk) * grid.spacing()[2]));
                    if (si < 0 || sj < 0 || sk < 0 || si >= grid.nx() || sj >= grid.ny() || sk >= grid.nz() || offMm > toleranceMm) {
                        throw new IllegalArgumentException("voxel (" + i + ", " + j + ", " + k + ") of " + target
                                + " is not a voxel of the label grid " + grid);
                    }
                    out[target.index(i, j, k)] = labels[grid.index(si, sj, sk)];
                }
            }
        }
        return new LabelMap(target, out);
    }

    /** The distinct non-zero labels, ascending. */
    public int[] presentLabels() {
        boolean[] seen = new boolean[65536];
        for (short l : labels) {
            seen[l & 0xFFFF] = true;
        }
        return java.util.stream.IntStream.range(1, seen.length).filter(l -> seen[l]).toArray();
    }
}
