package org.vertreg.imaging;

/** A CT volume in Hounsfield units on a {@link VolumeGrid}; voxel (i, j, k) is {@code hu[grid.index(i, j, k)]}. */
public record Volume(VolumeGrid grid, float[] hu) {

    public Volume {
        if (hu.length != grid.voxelCount()) {
            throw new IllegalArgumentException("expected " + grid.voxelCount() + " voxels, got " + hu.length);
        }
    }

    public float at(int i, int j, int k) {
        return hu[grid.index(i, j, k)];
    }
}
