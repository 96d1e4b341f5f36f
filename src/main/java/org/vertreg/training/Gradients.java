package org.vertreg.training;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.Optional;

/** What the trainer checks and clears between a backward pass and the next one. */
final class Gradients {

    private Gradients() {
    }

    /**
     * The first parameter, in network order (from the input towards the heads), whose gradient holds a value that is not
     * finite (or whose finite values add up beyond the float range, which no step should survive either).
     */
    static Optional<String> firstNonFinite(PairList<String, Parameter> parameters) {
        for (Pair<String, Parameter> p : parameters) {
            if (hasGradient(p.getValue())) {
                try (NDArray g = p.getValue().getArray().getGradient()) {
                    if (!allFinite(g)) {
                        return Optional.of(p.getKey());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The first parameter or running statistic whose values are not all finite. */
    static Optional<String> firstNonFiniteValue(PairList<String, Parameter> parameters) {
        for (Pair<String, Parameter> p : parameters) {
            if (!allFinite(p.getValue().getArray())) {
                return Optional.of(p.getKey());
            }
        }
        return Optional.empty();
    }

    /**
     * Sets the gradient of {@code parameter} to zeros, as PyTorch's {@code zero_grad} does: PyTorch adds every backward
     * pass to the gradient already there, and subtracting a gradient from itself would leave a NaN or an infinity in
     * place for every later step.
     */
    static void zero(NDArray parameter) {
        JniUtils.zeroGrad((PtNDArray) parameter);
    }

    static void zeroAll(PairList<String, Parameter> parameters) {
        for (Pair<String, Parameter> p : parameters) {
            if (hasGradient(p.getValue())) {
                zero(p.getValue().getArray());
            }
        }
    }

    private static boolean hasGradient(Parameter parameter) {
        return parameter.requiresGradient() && parameter.getArray().hasGradient();
    }

    /** One reduction: a sum is NaN or infinite exactly when a value is (or when finite values overflow the float range). */
    private static boolean allFinite(NDArray values) {
        try (NDArray sum = values.sum()) {
            return Float.isFinite(sum.getFloat());
        }
    }
}
