package org.vertreg.evaluation;

import java.util.Objects;
import org.vertreg.geometry.Pose;
import org.vertreg.registration.RegistrationError;

/**
 * One registration of an evaluation: test pose {@code index}, what the estimator answered, how far off it was and how
 * long it took (wall time of the estimator alone, ms).
 */
public record RegistrationTrial(int index, Pose truth, Pose estimate, RegistrationError error, double timeMs) {

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
}
