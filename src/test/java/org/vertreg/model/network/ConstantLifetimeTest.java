package org.vertreg.model.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vertreg.training.PoseLoss;

/**
 * The constants a forward pass multiplies by must still hold their values when the backward pass reads them, however
 * much the process collects and allocates in between (see {@link Scalars}).
 */
class ConstantLifetimeTest {

    @Test
    void aScaledArrayGetsTheConstantAsItsGradientAfterACollection() {
        for (int trial = 0; trial < 5; trial++) {
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray x = m.ones(new Shape(4, 4));
                x.setRequiresGradient(true);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray y = Scalars.times(x, 0.5f);
                    FreedMemory.collectAndReuse();
                    collector.backward(y.sum());
                }
                float[] expected = new float[16];
                java.util.Arrays.fill(expected, 0.5f);
                assertArrayEquals(expected, x.getGradient().toFloatArray(), 0f);
            }
        }
    }

    @Test
    void attentionGradientsDoNotDependOnWhatHappensBeforeTheBackwardPass() {
        Map<String, float[]> quiet = attentionGradients(false);
        Map<String, float[]> busy = attentionGradients(true);
        assertEquals(quiet.keySet(), busy.keySet());
        quiet.forEach((name, g) -> assertArrayEquals(g, busy.get(name), 1e-6f, name));
    }

    @Test
    void theAuxiliaryLossWeightsReachTheAuxiliaryOutputs() {
        PoseLoss loss = new PoseLoss(List.of(0.4, 0.6, 0.8));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray truth = m.zeros(new Shape(1, 6));
            NDList outputs = new NDList();
            for (int i = 0; i < 4; i++) {
                NDArray o = m.ones(new Shape(1, 6));
                o.setRequiresGradient(true);
                outputs.add(o);
            }
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray total = loss.total(outputs, truth);
                FreedMemory.collectAndReuse();
                collector.backward(total);
            }
            float[] weights = {1f, 0.4f, 0.6f, 0.8f};
            for (int i = 0; i < 4; i++) {
                float[] g = outputs.get(i).getGradient().toFloatArray();
                for (float v : g) {
                    assertEquals(weights[i] / 6, v, 1e-7, "output " + i); // d mean|o − t| / d o = sign / 6
                }
            }
        }
    }

    @Test
    void everyParameterOfTheNetworkGetsAFiniteGradientAfterACollection() {
        Engine.getInstance().setRandomSeed(7);
        LgffRegConfig config = LgffRegConfig.preset("fast");
        PoseLoss loss = new PoseLoss(List.of(0.4, 0.6, 0.8));
        try (NDManager m = NDManager.newBaseManager()) {
            LgffRegNetwork network = NetworkFixtures.initialised(config, m, 2, 7);
            NDArray images = NetworkFixtures.greyImages(m, 2, 128, 3);
            NDArray truth = m.zeros(new Shape(2, 6));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray total = loss.total(NetworkFixtures.forward(network, m, images, true), truth);
                FreedMemory.collectAndReuse();
                collector.backward(total);
            }
            for (Pair<String, Parameter> p : network.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    float sum = p.getValue().getArray().getGradient().abs().sum().getFloat();
                    assertTrue(Float.isFinite(sum) && sum > 0, p.getKey() + ": gradient magnitude " + sum);
                }
            }
        }
    }

    private static Map<String, float[]> attentionGradients(boolean collectBeforeBackward) {
        Engine.getInstance().setRandomSeed(11);
        Map<String, float[]> gradients = new LinkedHashMap<>();
        try (NDManager m = NDManager.newBaseManager()) {
            MultiHeadSelfAttention attention = new MultiHeadSelfAttention(8, 2);
            attention.initialize(m, DataType.FLOAT32, new Shape(2, 5, 8));
            NDArray x = m.randomNormal(new Shape(2, 5, 8));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = attention.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                if (collectBeforeBackward) {
                    FreedMemory.collectAndReuse();
                }
                collector.backward(y.square().sum());
            }
            for (Pair<String, Parameter> p : attention.getParameters()) {
                gradients.put(p.getKey(), p.getValue().getArray().getGradient().toFloatArray());
            }
        }
        return gradients;
    }
}
