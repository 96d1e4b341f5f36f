package org.vertreg.model.network;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every learnable parameter of every variant gets a finite, non-zero gradient from one backward pass of the training
 * loss, for many initialisations: a parameter without one would never learn, and a non-finite one ends a training run.
 * The cpu ablations and the paper preset get fewer here to keep the suite short; bench/gradients.sh runs every variant
 * over 50.
 */
class LgffRegNetworkGradientTest {

    @ParameterizedTest(name = "{0} over {1} initialisations")
    @CsvSource({"fast, 50", "fast-no-aux, 50", "fast-local-only, 50", "fast-global-only, 50", "fast-concat, 50",
            "fast-global-only-concat-no-aux, 50", "cpu, 50", "cpu-concat, 20", "paper, 3"})
    void oneBackwardPassReachesEveryParameter(String variant, int initialisations) {
        List<String> failures = GradientCoverage.failures(LgffRegConfig.ofName(variant), initialisations);
        assertTrue(failures.isEmpty(), variant + ": parameters without a finite, non-zero gradient, " + failures);
    }
}
