package org.vertreg.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class AdamWTest {
    private static final float[] C = {3f, -0.5f, 0f};

    @Test
    void followsTheDecoupledUpdateStepByStepAndDecaysOnlyWeights() {
        try (NDManager m = NDManager.newBaseManager()) {
            PairList<String, Parameter> params = parameters(m);
            AdamW adam = new AdamW(0.1);
            double lr = 0.01;
            double[][] value = {{1, 1, 1}, {1, 1, 1}}, first = new double[2][3], second = new double[2][3];
            for (int t = 1; t <= 3; t++) {
                backward(m, params);
                adam.step(params, lr);
                for (int k = 0; k < 2; k++) {
                    boolean weight = k == 0;
                    for (int i = 0; i < 3; i++) {
                        double g = 2 * C[i] * value[k][i]; // d/dp of sum(c·p²)
                        first[k][i] = 0.9 * first[k][i] + 0.1 * g;
                        second[k][i] = 0.999 * second[k][i] + 0.001 * g * g;
                        double step = lr * (first[k][i] / (1 - Math.pow(0.9, t)))
                                / (Math.sqrt(second[k][i] / (1 - Math.pow(0.999, t))) + 1e-8);
                        value[k][i] = value[k][i] * (weight ? 1 - lr * 0.1 : 1) - step;
                    }
                }
                assertArrayEquals(toFloat(value[0]), params.get("w").getArray().toFloatArray(), 1e-6f, "weight after step " + t);
                assertArrayEquals(toFloat(value[1]), params.get("b").getArray().toFloatArray(), 1e-6f, "bias after step " + t);
                assertArrayEquals(new float[3], params.get("w").getArray().getGradient().toFloatArray(), "gradients are zeroed");
            }
            assertEquals(3, adam.steps());
        }
    }

    @Test
    void aRestoredStateContinuesExactlyWhereTheSavedOneWas() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            PairList<String, Parameter> a = parameters(m), b = parameters(m), c = parameters(m);
            AdamW original = new AdamW(0.05), twin = new AdamW(0.05), forgetful = new AdamW(0.05);
            for (int t = 0; t < 2; t++) {
                backward(m, a);
                original.step(a, 0.02);
                backward(m, b);
                twin.step(b, 0.02);
                backward(m, c);
                forgetful.step(c, 0.02);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            twin.save(new DataOutputStream(bytes));
            AdamW restored = new AdamW(0.05);
            restored.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), m, b);
            assertEquals(2, restored.steps());
            backward(m, a);
            original.step(a, 0.02);
            backward(m, b);
            restored.step(b, 0.02);
            backward(m, c);
            new AdamW(0.05).step(c, 0.02); // moments lost: a different step
            for (String name : new String[] {"w", "b"}) {
                assertArrayEquals(a.get(name).getArray().toFloatArray(), b.get(name).getArray().toFloatArray(), 0f, name);
                assertNotEquals(a.get(name).getArray().toFloatArray()[0], c.get(name).getArray().toFloatArray()[0], name);
            }
        }
    }

    private static PairList<String, Parameter> parameters(NDManager m) {
        PairList<String, Parameter> params = new PairList<>();
        params.add("w", parameter("w", Parameter.Type.WEIGHT, m));
        params.add("b", parameter("b", Parameter.Type.BIAS, m));
        return params;
    }

    private static Parameter parameter(String name, Parameter.Type type, NDManager m) {
        Parameter p = Parameter.builder().setName(name).setType(type).optShape(new Shape(3)).optInitializer(new ConstantInitializer(1f))
                .build();
        p.initialize(m, DataType.FLOAT32);
        return p;
    }

    /** Gradients of sum(c·w²) + sum(c·b²): 2c·w and 2c·b, changing as the values do. */
    private static void backward(NDManager m, PairList<String, Parameter> params) {
        try (NDManager scope = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray c = scope.create(C);
            NDArray w = params.get("w").getArray(), b = params.get("b").getArray();
            NDArray loss = w.mul(w).mul(c).sum().add(b.mul(b).mul(c).sum());
            gc.backward(loss);
        }
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
