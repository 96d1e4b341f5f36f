package org.vertreg.model.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import java.util.List;
import org.vertreg.model.network.LgffRegConfig;
import org.vertreg.model.network.LgffRegNetwork;
import org.vertreg.training.PoseLoss;

/**
 * Training throughput of the LGFF-Reg presets: samples per second of forward, backward and an Adam step (lr 6e-5,
 * weight decay 0.05) on batches of random grey images, with the paper's loss (L1 of the main head plus 0.4/0.6/0.8 of
 * the auxiliary heads). Data loading is not included. Not a test; {@code bench/model-speed.sh} runs it, or by hand:
 * <pre>
 * java -Dai.djl.offline=true -cp ... org.vertreg.model.bench.TrainingThroughputBenchmark [batch] [steps] [preset...]
 * </pre>
 */
public final class TrainingThroughputBenchmark {

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<String> presets = args.length > 2 ? List.of(args).subList(2, args.length) : List.of("fast", "cpu", "paper");
        System.out.printf("%-8s %12s %14s %16s   (batch %d, %d timed steps after 2 warm-up steps, %d cores)%n", "preset", "samples/s",
                "s per step", "samples/CPU-s", batch, steps, Runtime.getRuntime().availableProcessors());
        for (String preset : presets) {
            measure(LgffRegConfig.preset(preset), batch, steps);
        }
    }

    private static void measure(LgffRegConfig config, int batch, int steps) {
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(6e-5f)).optWeightDecays(0.05f).build();
        try (Model model = Model.newInstance("lgff-reg-" + config.name())) {
            model.setBlock(LgffRegNetwork.create(config));
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l1Loss()).optOptimizer(adam))) {
                Shape shape = new Shape(batch, 1, config.inputSize(), config.inputSize());
                trainer.initialize(shape);
                NDManager manager = trainer.getManager();
                NDArray images = manager.randomUniform(0, 255, shape);
                NDArray poses = manager.randomUniform(-1, 1, new Shape(batch, 6));
                for (int i = 0; i < 2; i++) {
                    step(trainer, config, images, poses);
                }
                long cpu0 = BenchClock.processCpuNanos(), t0 = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    step(trainer, config, images, poses);
                }
                double seconds = (System.nanoTime() - t0) / 1e9, cpuSeconds = (BenchClock.processCpuNanos() - cpu0) / 1e9;
                System.out.printf("%-8s %12.1f %14.3f %16.1f%n", config.name(), batch * steps / seconds, seconds / steps,
                        batch * steps / cpuSeconds);
            }
        }
    }

    private static void step(Trainer trainer, LgffRegConfig config, NDArray images, NDArray poses) {
        try (NDManager step = trainer.getManager().newSubManager()) {
            NDArray x = images.duplicate();
            x.attach(step);
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList outputs = trainer.forward(new NDList(x));
                collector.backward(new PoseLoss(Arrays.stream(config.auxiliaryLossWeights()).boxed().toList()).total(outputs, poses));
            }
            trainer.step();
        }
    }
}
