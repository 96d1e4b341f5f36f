package org.vertreg.model.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A row of the model index ({@code pose_model}).
 *
 * @param relativePath the model's folder relative to the models root: {@code models/<series uid>/<level>/<id>}
 * @param metadata     present once the model is READY
 * @param statusReason why it FAILED, when it did
 */
public record ModelRecord(long id, String seriesInstanceUid, int level, String preset, int version, ModelStatus status,
        String relativePath, Optional<ModelMetadata> metadata, Optional<String> statusReason, Instant createdAt,
        Instant updatedAt) {

    public ModelRecord {
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(statusReason, "statusReason");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (status == ModelStatus.READY && metadata.isEmpty()) {
            throw new IllegalArgumentException("a READY model has metadata");
        }
    }

    /** The metadata of a READY model. */
    public ModelMetadata readyMetadata() {
        if (status != ModelStatus.READY) {
            throw new IllegalStateException("model " + id + " is " + status + ", not READY");
        }
        return metadata.orElseThrow();
    }
}
