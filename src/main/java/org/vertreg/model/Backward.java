package org.vertreg.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;

/**
 * The backward pass of a training step, on one compute thread.
 *
 * <p>On more than one thread, PyTorch's CPU convolution backward (2.5.1, and 2.7.1 alike) now and then leaves part of an
 * input gradient unwritten: whole channels of a stem convolution's input gradient held what the memory held before,
 * NaN included, in about four backward passes in a hundred once freed memory had been filled with NaN; on one thread
 * none in hundreds. The forward pass, whose loss came out the same on every start, keeps all threads.
 */
final class Backward {
    static final int THREADS = 1;

    private Backward() {
    }

    static void pass(GradientCollector collector, NDArray loss) {
        try (ComputeThreads oneThread = ComputeThreads.use(Engine.getInstance(), THREADS)) {
            collector.backward(loss);
        }
    }
}
