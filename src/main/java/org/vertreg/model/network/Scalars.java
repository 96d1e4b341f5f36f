package org.vertreg.model.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with a constant that stays valid until the backward pass.
 *
 * <p>DJL's {@code NDArray.mul(Number)} (and {@code div}, {@code add}, … with a number) wraps the number in a tensor that
 * points into a direct buffer (torch::from_blob, no copy on the CPU) and closes that tensor as soon as the result is
 * made; nothing then keeps the buffer from the garbage collector. Autograd still holds the tensor, because the gradient
 * of a·c needs c, and once a collection has freed the buffer the backward pass reads whatever memory is there: gradients
 * of 1e-37 or 1e35 or NaN, on some runs only. Here the constant is allocated by the engine (torch::full), so the
 * reference autograd keeps owns its memory. Code that builds a graph to differentiate multiplies by constants here
 * only ({@code ArchitectureTest} keeps it so).
 */
public final class Scalars {

    private Scalars() {
    }

    /** {@code array · factor}, differentiable with respect to {@code array}. */
    public static NDArray times(NDArray array, float factor) {
        try (NDArray constant = array.getManager().full(new Shape(), factor, array.getDataType())) {
            return array.mul(constant);
        }
    }
}
