package org.vertreg.imaging;

import java.util.Objects;
import java.util.Optional;
import org.vertreg.geometry.Vector3;

/**
 * A CT crop around one vertebra, made by {@link VertebraCrop}.
 *
 * @param volume   the cropped HU volume: same spacing and direction as its source, origin moved to the box's
 *                 first voxel, so every voxel keeps its LPS position
 * @param labels   the labels on the same cropped grid, when the source had a label map
 * @param centroid the vertebra's centroid (LPS, mm): the mean of its label voxels, or the point the crop was
 *                 asked to centre on
 * @param labelId  the vertebra's label, 0 when the crop was made around a point without a target label
 */
public record CroppedVertebra(Volume volume, Optional<LabelMap> labels, Vector3 centroid, int labelId) {

    public CroppedVertebra {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(centroid, "centroid");
        if (labels.isPresent() && !labels.get().grid().equals(volume.grid())) {
            throw new IllegalArgumentException("the cropped labels lie on another grid than the cropped volume");
        }
    }

    /**
     * The crop with only the vertebra's own voxels kept and everything else (neighbours, soft tissue) made air, so that
     * its DRR shows one vertebra on black as the single-vertebra method projects it.
     *
     * @throws IllegalStateException when the crop has no labels or no target label
     */
    public Volume vertebraAlone() {
        if (labels.isEmpty() || labelId == 0) {
            throw new IllegalStateException("the vertebra alone needs the crop's labels and a target label");
        }
        short[] l = labels.get().labels();
        float[] hu = volume.hu().clone();
        for (int v = 0; v < hu.length; v++) {
            if (l[v] != labelId) {
                hu[v] = VertebraCrop.AIR_HU;
            }
        }
        return new Volume(volume.grid(), hu);
    }
}
