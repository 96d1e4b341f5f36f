package org.vertreg.evaluation;

import java.util.Objects;
import org.vertreg.geometry.Pose;
import org.vertreg.registration.RegistrationError;
import org.vertreg.registration.RegistrationQuality;

/**
 * One registration of an evaluation: test pose {@code index}, what the estimator answered, how far off it was and how
 * long it took (wall time of the estimator alone, ms); for a two-stage registration also its stages.
 */
public record RegistrationTrial(int index, Pose truth, Pose estimate, RegistrationError error, double timeMs, Stages stages) {

    /**
     * A two-stage registration's parts: the first estimate and its error, the time of each stage, the quality the node
     * gave the result, and the first refinement's error and quality before any restart (what decided the restarts; null
     * when not kept).
     */
    public record Stages(Pose first, RegistrationError firstError, double firstMs, double refineMs, RegistrationQuality quality,
                         FirstRefinement firstRefinement) {
        public Stages {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(firstError, "firstError");
            Objects.requireNonNull(quality, "quality");
        }

        public Stages(Pose first, RegistrationError firstError, double firstMs, double refineMs, RegistrationQuality quality) {
            this(first, firstError, firstMs, refineMs, quality, null);
        }
    }

    /** The first refinement's result, before any restart: its error and the quality it was given. */
    public record FirstRefinement(RegistrationError error, RegistrationQuality quality) {
        public FirstRefinement {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(quality, "quality");
        }
    }

    public RegistrationTrial {
        if (index < 0) {
            throw new IllegalArgumentException("trial index must be ≥ 0: " + index);
        }
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(estimate, "estimate");
        Objects.requireNonNull(error, "error");
        if (!(timeMs >= 0) || Double.isInfinite(timeMs)) {
            throw new IllegalArgumentException("time must be finite and ≥ 0: " + timeMs);
        }
    }

    /** A single-stage registration (the network alone, a fixed pose). */
    public RegistrationTrial(int index, Pose truth, Pose estimate, RegistrationError error, double timeMs) {
        this(index, truth, estimate, error, timeMs, null);
    }
}
