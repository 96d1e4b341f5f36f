package org.vertreg.evaluation;

import java.util.List;
import java.util.Objects;

/** The trials of one case and vertebra, in test-pose order. */
public record CaseTrials(String caseName, String vertebra, List<RegistrationTrial> trials) {

    public CaseTrials {
        Objects.requireNonNull(caseName, "caseName");
        Objects.requireNonNull(vertebra, "vertebra");
        trials = List.copyOf(trials);
        if (trials.isEmpty()) {
            throw new IllegalArgumentException("a case evaluation holds at least one trial");
        }
    }
}
