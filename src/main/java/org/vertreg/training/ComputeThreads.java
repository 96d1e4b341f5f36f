package org.vertreg.training;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The engine's intra-operation threads, set for the length of a training run and restored after it. PyTorch's count is
 * process-wide and otherwise fixed when the engine starts ({@code -Dai.djl.pytorch.num_threads}); other engines keep
 * theirs.
 */
final class ComputeThreads implements AutoCloseable {
    private final int previous;

    private ComputeThreads(int previous) {
        this.previous = previous;
    }

    /** {@code threads} from now until {@link #close}; 0 changes nothing. */
    static ComputeThreads use(Engine engine, int threads) {
        if (threads == 0 || !"PyTorch".equals(engine.getEngineName())) {
            return new ComputeThreads(0);
        }
        int previous = JniUtils.getNumThreads();
        JniUtils.setNumThreads(threads);
        return new ComputeThreads(previous);
    }

    @Override
    public void close() {
        if (previous > 0) {
            JniUtils.setNumThreads(previous);
        }
    }
}
