package org.vertreg.model.network;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vertreg.model.training.PoseLoss;

/**
 * Every learnable parameter of every variant gets a finite, non-zero gradient from one backward pass of the training
 * loss, for many initialisations: a parameter without one would never learn, and a non-finite one ends a training run.
 */
class LgffRegNetworkGradientTest {

    @ParameterizedTest(name = "{0} over {1} initialisations")
    @CsvSource({"fast, 50", "fast-no-aux, 50", "fast-local-only, 50", "fast-global-only, 50", "fast-concat, 50",
            "fast-global-only-concat-no-aux, 50", "cpu, 50", "cpu-concat, 20", "paper, 3"})
    void oneBackwardPassReachesEveryParameter(String variant, int initialisations) {
        LgffRegConfig config = LgffRegConfig.ofName(variant);
        PoseLoss loss = new PoseLoss(Arrays.stream(config.auxiliaryLossWeights()).boxed().toList());
        List<String> failures = new ArrayList<>();
        for (int seed = 1; seed <= initialisations; seed++) {
            try (NDManager m = NDManager.newBaseManager()) {
                LgffRegNetwork network = NetworkFixtures.initialised(config, m, 2, seed);
                NDArray images = NetworkFixtures.greyImages(m, 2, 128, 1000 + seed);
                NDArray target = NetworkFixtures.greyImages(m, 1, 12, seed).reshape(2, 6, 12).get(":, :, 0").div(255f);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    collector.backward(loss.total(NetworkFixtures.forward(network, m, images, true), target));
                }
                List<String> without = new ArrayList<>();
                int learnable = 0;
                for (Pair<String, Parameter> p : network.getParameters()) {
                    if (p.getValue().requiresGradient()) {
                        learnable++;
                        float magnitude = p.getValue().getArray().getGradient().abs().sum().getFloat();
                        if (!(Float.isFinite(magnitude) && magnitude > 0)) {
                            without.add(p.getKey() + " (" + magnitude + ")");
                        }
                    }
                }
                assertTrue(learnable > 50, "only " + learnable + " learnable parameters");
                if (!without.isEmpty()) {
                    failures.add("seed " + seed + ": " + without);
                }
            }
        }
        assertTrue(failures.isEmpty(), variant + ": parameters without a finite, non-zero gradient, " + failures);
    }
}
