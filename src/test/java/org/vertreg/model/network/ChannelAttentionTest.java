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
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class ChannelAttentionTest {

    @Test
    void hiddenUnitsStartInPairsOfOpposites() {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager m = NDManager.newBaseManager()) {
            ChannelAttention attention = new ChannelAttention(32);
            attention.initialize(m, DataType.FLOAT32, new Shape(2, 32, 8, 8));
            NDArray first = attention.getParameters().get(0).getValue().getArray(); // (8, 32, 1, 1)
            assertEquals(new Shape(8, 32, 1, 1), first.getShape());
            float[] w = first.toFloatArray();
            float[] firstHalf = java.util.Arrays.copyOfRange(w, 0, 4 * 32), secondHalf = java.util.Arrays.copyOfRange(w, 4 * 32, 8 * 32);
            for (int i = 0; i < secondHalf.length; i++) {
                secondHalf[i] = -secondHalf[i];
            }
            assertArrayEquals(firstHalf, secondHalf, 0f);
            assertTrue(first.abs().sum().getFloat() > 0);
        }
    }

    /** The case that left attentions untrainable: positive maps whose channels pool to nearly the same values. */
    @Test
    void theMlpGetsAGradientFromMapsThatPoolAlikeInEveryChannel() {
        for (int seed = 1; seed <= 50; seed++) {
            Engine.getInstance().setRandomSeed(seed);
            try (NDManager m = NDManager.newBaseManager()) {
                ChannelAttention attention = new ChannelAttention(16);
                attention.initialize(m, DataType.FLOAT32, new Shape(1, 16, 4, 4));
                NDArray x = m.randomUniform(0.9f, 1.1f, new Shape(1, 16, 4, 4));
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray y = attention.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                    collector.backward(y.sum());
                }
                for (var p : attention.getParameters()) {
                    float g = p.getValue().getArray().getGradient().abs().sum().getFloat();
                    assertTrue(g > 0 && Float.isFinite(g), "seed " + seed + ": " + p.getKey() + " gradient " + g);
                }
            }
        }
    }
}
