package org.vertreg.imaging;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a simulated X-ray of a vertebra shows. Both move rigidly with the vertebra's pose about its centroid.
 *
 * <ul>
 *   <li>{@link #VERTEBRA_ALONE}: the target vertebra's own voxels on black, its neighbours and soft tissue removed. The
 *       paper's protocol, and the default: the network sees only what it is to register.</li>
 *   <li>{@link #WHOLE_CT}: the whole CT, neighbouring vertebrae, ribs and soft tissue included, as a real C-arm image
 *       shows the vertebra. A model trained on it has seen the clutter it meets in theatre; evaluated on it, a model
 *       trained on the vertebra alone shows how far the paper's setting carries to real images.</li>
 * </ul>
 *
 * Only the vertebra moves with the pose in a real X-ray; here the whole CT moves with it, which is what one CT can give.
 */
public enum ProjectedAnatomy {
    VERTEBRA_ALONE("vertebra-alone"),
    WHOLE_CT("whole-ct");

    private final String label;

    ProjectedAnatomy(String label) {
        this.label = label;
    }

    /** The name used on the command line and in a model's metadata. */
    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException when {@code label} is none of the labels (which it lists) */
    public static ProjectedAnatomy fromLabel(String label) {
        for (ProjectedAnatomy a : values()) {
            if (a.label.equals(label)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown projected anatomy '" + label + "', expected one of "
                + Arrays.stream(values()).map(ProjectedAnatomy::label).collect(Collectors.joining(", ")));
    }

    /**
     * The volume to project for the vertebra {@code crop} of {@code ct}.
     *
     * @throws IllegalStateException for {@link #VERTEBRA_ALONE} when the crop has no target label
     */
    public Volume select(Volume ct, CroppedVertebra crop) {
        Objects.requireNonNull(ct, "ct");
        Objects.requireNonNull(crop, "crop");
        return switch (this) {
            case VERTEBRA_ALONE -> crop.vertebraAlone();
            case WHOLE_CT -> ct;
        };
    }
}
