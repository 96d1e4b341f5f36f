package org.vertreg.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Checks that the engine computes a convolution's input gradient right, before a training run relies on it.
 *
 * <p>On the CPU, oneDNN's AVX2 and AVX-512 kernels (PyTorch 2.5.1 and 2.7.1) return wrong input gradients for
 * convolutions with few output channels, such as the spatial attention's 7×7 convolution from 2 channels to 1: the
 * gradient holds what the memory held before, off by the gradient's own size, or NaN. Limiting oneDNN to AVX
 * ({@code ONEDNN_MAX_CPU_ISA=AVX}, set by bin/vertreg, the tests and the deployment files) gives the right values. The
 * check computes that convolution's input gradient in float32 and in float64 (which PyTorch computes without oneDNN)
 * and refuses to train when they differ.
 */
public final class ConvolutionCheck {
    static final double TOLERANCE = 1e-3;

    private ConvolutionCheck() {
    }

    /** @throws IllegalStateException when the float32 input gradient is wrong */
    public static void requireCorrectInputGradients(NDManager manager) {
        double difference = largestDifference(manager);
        if (!(difference < TOLERANCE)) {
            throw new IllegalStateException(String.format(Locale.ROOT, "this engine computes wrong convolution gradients (off by up to %.3g"
                    + " against float64): training here would learn from garbage. Run with ONEDNN_MAX_CPU_ISA=AVX in the environment"
                    + " (bin/vertreg sets it; now %s)", difference, System.getenv().getOrDefault("ONEDNN_MAX_CPU_ISA", "unset")));
        }
    }

    /** The largest difference between the float32 and float64 input gradients of the spatial attention's convolution. */
    static double largestDifference(NDManager manager) {
        int n = 4, side = 16, kernel = 7;
        SplittableRandom random = new SplittableRandom(20261204);
        float[] x = new float[n * 2 * side * side], w = new float[2 * kernel * kernel], g = new float[n * side * side];
        for (float[] values : new float[][] {x, w, g}) {
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextDouble() * 2 - 1);
            }
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray input = scope.create(x, new Shape(n, 2, side, side));
            NDArray weight = scope.create(w, new Shape(1, 2, kernel, kernel));
            NDArray outputGradient = scope.create(g, new Shape(n, 1, side, side));
            float[] single = inputGradient(input, weight, outputGradient, DataType.FLOAT32);
            float[] reference = inputGradient(input, weight, outputGradient, DataType.FLOAT64);
            double largest = 0;
            for (int i = 0; i < single.length; i++) {
                double d = Math.abs(single[i] - reference[i]);
                largest = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(largest, d);
            }
            return largest;
        }
    }

    private static float[] inputGradient(NDArray input, NDArray weight, NDArray outputGradient, DataType type) {
        NDArray x = input.toType(type, true);
        x.setRequiresGradient(true);
        int padding = (int) weight.getShape().get(2) / 2;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = Conv2d.conv2d(x, weight.toType(type, true), null, new Shape(1, 1), new Shape(padding, padding), new Shape(1, 1), 1)
                    .singletonOrThrow();
            collector.backward(y.mul(outputGradient.toType(type, true)).sum());
        }
        return x.getGradient().toType(DataType.FLOAT32, true).toFloatArray();
    }
}
