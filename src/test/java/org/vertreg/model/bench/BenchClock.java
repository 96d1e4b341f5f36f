package org.vertreg.model.bench;

import ai.djl.nn.Block;
import java.lang.management.ManagementFactory;

/** What the model benchmarks share: the process's CPU time (all threads, native ones included) and parameter counts. */
final class BenchClock {

    private BenchClock() {
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Learnable values (batch-norm running statistics excluded, as PyTorch counts). */
    static long parameterCount(Block block) {
        return block.getParameters().stream().filter(p -> p.getValue().requiresGradient())
                .mapToLong(p -> p.getValue().getArray().size()).sum();
    }
}
