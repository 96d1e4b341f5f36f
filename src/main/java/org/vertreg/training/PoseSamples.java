package org.vertreg.training;

/**
 * Images with their true normalised poses, addressed by index: what the trainer learns from and validates on.
 *
 * <p>Sample {@code i} must be the same on every call (deterministic per index) and {@link #fill} must be safe to call
 * from several threads at once: batches are made in parallel, ahead of the step that uses them, and a resumed run must
 * see the very samples the interrupted one would have seen.
 */
public interface PoseSamples {

    /** Number of samples; indices run from 0 to {@code size() − 1}. */
    int size();

    /** Image width in pixels. */
    int columns();

    /** Image height in pixels. */
    int rows();

    /**
     * Writes sample {@code index}: its grey image (0–255, row-major, {@code columns()·rows()} values) into
     * {@code image} and its pose, normalised as {@code geometry.Pose.normalised()} (rx, ry, rz / 18°, tx, ty, tz / 10 mm),
     * into the 6 values of {@code pose}.
     */
    void fill(int index, float[] image, float[] pose);

    /**
     * The samples epoch {@code epoch} (from 0) trains on. By default the same every epoch; a source that can make
     * unlimited samples may return fresh ones per epoch, still a pure function of the epoch and index.
     */
    default PoseSamples forEpoch(int epoch) {
        return this;
    }

    /** Pixels per image. */
    default int pixels() {
        return columns() * rows();
    }
}
