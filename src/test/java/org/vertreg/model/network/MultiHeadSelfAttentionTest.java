package org.vertreg.model.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MultiHeadSelfAttentionTest {
    private static final int N = 2, L = 5, E = 6, HEADS = 3, D = E / HEADS;

    @Test
    void eachHeadAttendsOverItsOwnSliceOfTheEmbedding() {
        try (NDManager m = NDManager.newBaseManager()) {
            MultiHeadSelfAttention attention = new MultiHeadSelfAttention(E, HEADS);
            attention.initialize(m, DataType.FLOAT32, new Shape(N, L, E));
            float[] x = random(N * L * E, 1);
            float[] actual = attention.forward(new ParameterStore(m, false), new NDList(m.create(x, new Shape(N, L, E))), false)
                    .singletonOrThrow().toFloatArray();
            float[] wQkv = parameter(attention, "qkv_weight"), bQkv = parameter(attention, "qkv_bias");
            float[] wOut = parameter(attention, "projection_weight"), bOut = parameter(attention, "projection_bias");
            assertArrayEquals(naive(x, wQkv, bQkv, wOut, bOut), actual, 1e-5f);
        }
    }

    @Test
    void headsMustDivideTheEmbedding() {
        assertThrows(IllegalArgumentException.class, () -> new MultiHeadSelfAttention(6, 4));
    }

    @Test
    void aPreNormBlockWithSilencedBranchesPassesTokensThrough() {
        try (NDManager m = NDManager.newBaseManager()) {
            TransformerBlock block = new TransformerBlock(E, HEADS, 4);
            block.initialize(m, DataType.FLOAT32, new Shape(N, L, E));
            // the residual branches end in the attention's projection and the MLP's second layer
            block.getParameters().forEach(p -> {
                if (p.getKey().contains("projection") || p.getKey().contains("mlp_03Linear")) {
                    p.getValue().getArray().muli(0);
                }
            });
            NDArray x = m.create(random(N * L * E, 2), new Shape(N, L, E));
            NDArray y = block.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
            assertEquals(x.getShape(), y.getShape());
            assertArrayEquals(x.toFloatArray(), y.toFloatArray(), 0f);
        }
    }

    /** softmax(q·kᵀ/√d)·v per head, heads side by side, then the output projection; y = x·Wᵀ + b for each linear layer. */
    private static float[] naive(float[] x, float[] wQkv, float[] bQkv, float[] wOut, float[] bOut) {
        float[] out = new float[N * L * E];
        for (int n = 0; n < N; n++) {
            double[][] qkv = new double[L][3 * E];
            for (int t = 0; t < L; t++) {
                for (int o = 0; o < 3 * E; o++) {
                    double s = bQkv[o];
                    for (int i = 0; i < E; i++) {
                        s += wQkv[o * E + i] * x[(n * L + t) * E + i];
                    }
                    qkv[t][o] = s;
                }
            }
            double[][] merged = new double[L][E];
            for (int h = 0; h < HEADS; h++) {
                for (int t = 0; t < L; t++) {
                    double[] logits = new double[L];
                    double max = Double.NEGATIVE_INFINITY, sum = 0;
                    for (int u = 0; u < L; u++) {
                        for (int j = 0; j < D; j++) {
                            logits[u] += qkv[t][h * D + j] * qkv[u][E + h * D + j] / Math.sqrt(D);
                        }
                        max = Math.max(max, logits[u]);
                    }
                    for (int u = 0; u < L; u++) {
                        logits[u] = Math.exp(logits[u] - max);
                        sum += logits[u];
                    }
                    for (int u = 0; u < L; u++) {
                        for (int j = 0; j < D; j++) {
                            merged[t][h * D + j] += logits[u] / sum * qkv[u][2 * E + h * D + j];
                        }
                    }
                }
            }
            for (int t = 0; t < L; t++) {
                for (int o = 0; o < E; o++) {
                    double s = bOut[o];
                    for (int i = 0; i < E; i++) {
                        s += wOut[o * E + i] * merged[t][i];
                    }
                    out[(n * L + t) * E + o] = (float) s;
                }
            }
        }
        return out;
    }

    private static float[] parameter(Block block, String suffix) {
        return block.getParameters().stream().filter(p -> p.getKey().endsWith(suffix)).findFirst().orElseThrow()
                .getValue().getArray().toFloatArray();
    }

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextDouble(-1, 1);
        }
        return v;
    }
}
