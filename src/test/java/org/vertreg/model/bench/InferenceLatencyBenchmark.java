package org.vertreg.model.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.List;
import org.vertreg.model.network.LgffRegConfig;
import org.vertreg.model.network.LgffRegNetwork;

/**
 * Batch-1 inference latency of the LGFF-Reg presets, as a predictor runs it ({@code training = false}, the output read
 * back to the JVM). Not a test; {@code bench/model-speed.sh} runs it, or by hand:
 * <pre>
 * java -Dai.djl.offline=true -cp target/test-classes:target/classes:$(cat target/bench-cp.txt) \
 *     org.vertreg.model.bench.InferenceLatencyBenchmark [iterations] [preset...]
 * </pre>
 * Prints per preset the learnable parameters, median and p95 wall time per image, and the process CPU time per
 * image (steadier than wall time when other work shares the cores).
 */
public final class InferenceLatencyBenchmark {

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        List<String> presets = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("paper", "cpu", "fast");
        System.out.printf("%-8s %10s %10s %10s %12s   (%d images each, %d cores)%n", "preset", "parameters", "median ms", "p95 ms",
                "CPU ms/img", iterations, Runtime.getRuntime().availableProcessors());
        for (String preset : presets) {
            measure(LgffRegConfig.preset(preset), iterations);
        }
    }

    private static void measure(LgffRegConfig config, int iterations) {
        try (NDManager manager = NDManager.newBaseManager()) {
            LgffRegNetwork network = LgffRegNetwork.create(config);
            Shape shape = new Shape(1, 1, config.inputSize(), config.inputSize());
            network.initialize(manager, DataType.FLOAT32, shape);
            ParameterStore parameters = new ParameterStore(manager, false);
            NDArray image = manager.randomUniform(0, 255, shape);
            for (int i = 0; i < Math.max(10, iterations / 10); i++) {
                predict(network, parameters, manager, image);
            }
            long[] wall = new long[iterations];
            long cpu0 = BenchClock.processCpuNanos();
            for (int i = 0; i < iterations; i++) {
                long t0 = System.nanoTime();
                predict(network, parameters, manager, image);
                wall[i] = System.nanoTime() - t0;
            }
            double cpuMs = (BenchClock.processCpuNanos() - cpu0) / 1e6 / iterations;
            Arrays.sort(wall);
            System.out.printf("%-8s %10d %10.2f %10.2f %12.2f%n", config.name(), BenchClock.parameterCount(network),
                    wall[iterations / 2] / 1e6, wall[(int) Math.ceil(iterations * 0.95) - 1] / 1e6, cpuMs);
        }
    }

    private static float[] predict(LgffRegNetwork network, ParameterStore parameters, NDManager manager, NDArray image) {
        try (NDManager step = manager.newSubManager()) {
            NDArray input = image.duplicate();
            input.attach(step);
            return network.forward(parameters, new NDList(input), false).head().toFloatArray();
        }
    }
}
