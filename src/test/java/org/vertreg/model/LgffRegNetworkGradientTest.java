package org.vertreg.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LgffRegNetworkGradientTest {

    @ParameterizedTest
    @ValueSource(strings = {"fast", "fast-no-aux", "fast-local-only", "fast-global-only-concat-no-aux", "cpu-concat"})
    void oneBackwardPassReachesEveryParameter(String variant) {
        LgffRegConfig config = variant(variant);
        try (NDManager m = NDManager.newBaseManager()) {
            LgffRegNetwork network = NetworkFixtures.initialised(config, m, 2);
            NDArray images = NetworkFixtures.greyImages(m, 2, 128, 11);
            NDArray target = NetworkFixtures.greyImages(m, 1, 12, 12).reshape(2, 6, 12).get(":, :, 0").div(255f);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList outputs = NetworkFixtures.forward(network, m, images, true);
                NDArray loss = outputs.head().sub(target).abs().mean();
                double[] weights = config.auxiliaryLossWeights();
                for (int i = 0; i < weights.length; i++) {
                    loss = loss.add(outputs.get(i + 1).sub(target).abs().mean().mul(weights[i]));
                }
                collector.backward(loss);
            }
            List<String> without = new ArrayList<>();
            int learnable = 0;
            for (Pair<String, Parameter> p : network.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    learnable++;
                    NDArray gradient = p.getValue().getArray().getGradient();
                    if (!(gradient.abs().sum().getFloat() > 0)) {
                        without.add(p.getKey());
                    }
                }
            }
            assertTrue(learnable > 50, "only " + learnable + " learnable parameters");
            assertTrue(without.isEmpty(), variant + ": no gradient reached " + without);
        }
    }

    /** {@code preset[-local-only|-global-only][-concat][-no-aux]}, the form of {@link LgffRegConfig#name()}. */
    private static LgffRegConfig variant(String name) {
        LgffRegConfig c = LgffRegConfig.preset(name.split("-")[0]);
        if (name.contains("-local-only")) {
            c = c.withBranches(LgffRegConfig.Branches.LOCAL_ONLY);
        }
        if (name.contains("-global-only")) {
            c = c.withBranches(LgffRegConfig.Branches.GLOBAL_ONLY);
        }
        if (name.contains("-concat")) {
            c = c.withFusion(LgffRegConfig.Fusion.CONCAT);
        }
        c = c.withAuxiliaryHeads(!name.contains("-no-aux"));
        if (!c.name().equals(name)) {
            throw new IllegalArgumentException(name + " is not a variant name; it reads as " + c.name());
        }
        return c;
    }
}
