package org.vertreg.model.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What a stored model needs besides its parameters to be used and trusted later, written beside them as
 * {@code metadata.json}.
 *
 * @param geometry        the C-arm its training images were made with
 * @param inputMapping    name of the mapping from line integrals to the grey input (e.g. {@code DrrImageMapping})
 * @param projectedAnatomy what its training images showed, the label of {@code imaging.ProjectedAnatomy}
 *                        ({@value #VERTEBRA_ALONE} or {@code whole-ct}); absent (null) reads as {@value #VERTEBRA_ALONE},
 *                        what every model was trained on before the choice existed
 * @param preset          the network preset's name
 * @param networkConfig   the network's full configuration in its own text form: rebuilds the block
 * @param trainingConfig  the training configuration in its own text form
 * @param seed            the training seed
 * @param validation      validation metrics
 * @param softwareVersion version of the software that trained it
 * @param createdAt       when training finished
 */
public record ModelMetadata(DetectorGeometry geometry, String inputMapping, String projectedAnatomy, String preset,
        String networkConfig, String trainingConfig, long seed, ValidationMetrics validation, String softwareVersion,
        Instant createdAt) {

    /** The vertebra alone on black, the paper's protocol (the store keeps the label, not the imaging enum). */
    public static final String VERTEBRA_ALONE = "vertebra-alone";

    public ModelMetadata {
        if (projectedAnatomy == null) {
            projectedAnatomy = VERTEBRA_ALONE;
        }
        Objects.requireNonNull(geometry, "geometry");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(createdAt, "createdAt");
        for (String[] field : new String[][] {{"inputMapping", inputMapping},
            {"projectedAnatomy", projectedAnatomy}, {"preset", preset},
            {"networkConfig", networkConfig}, {"trainingConfig", trainingConfig}, {"softwareVersion", softwareVersion}}) {
            if (field[1] == null || field[1].isBlank()) {
                throw new IllegalArgumentException("model metadata needs " + field[0]);
            }
        }
    }

    /** A model trained on the vertebra alone. */
    public ModelMetadata(DetectorGeometry geometry, String inputMapping, String preset, String networkConfig, String trainingConfig,
            long seed, ValidationMetrics validation, String softwareVersion, Instant createdAt) {
        this(geometry, inputMapping, VERTEBRA_ALONE, preset, networkConfig, trainingConfig, seed, validation, softwareVersion,
                createdAt);
    }
}
