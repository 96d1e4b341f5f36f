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

    /** The distinct non-zero labels, ascending. */
    public int[] presentLabels() {
        boolean[] seen = new boolean[65536];
        for (short l : labels) {
            seen[l & 0xFFFF] = true;
        }
        return java.util.stream.IntStream.range(1, seen.length).filter(l -> seen[l]).toArray();
    }
}
