package org.vertreg.model.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.vertreg.drr.SimulatedXrays;
import org.vertreg.geometry.PoseSampler;
import org.vertreg.model.network.LgffRegConfig;
import org.vertreg.model.network.LgffRegNetwork;
import org.vertreg.training.PoseLoss;

/**
 * Which network shape learns most per CPU-hour: each candidate trains for the same process CPU time on the same
 * low-dose X-rays of one real vertebra (the TPTBox L3 cut-out from the shared data) and is scored by the MAE of the
 * normalised pose on held-out poses, at four points of its budget. Not a test (minutes per candidate); run by hand:
 * <pre>
 * OMP_WAIT_POLICY=PASSIVE java -Dai.djl.offline=true -cp ... org.vertreg.model.bench.PresetStudy \
 *     [cpuMinutes [trainImages [candidate...]]]
 * </pre>
 * A candidate is a preset name or a config text with {@code ;} for spaces. Adam, lr 3e-4 constant, batch 32, the
 * paper's loss; validation time is not charged to the budget. Passive OpenMP waiting keeps spinning threads from
 * billing CPU time when other work shares the cores.
 */
public final class PresetStudy {
    private static final int BATCH = 32, VALIDATION = 512, CHECKPOINTS = 4;

    public static void main(String[] args) throws Exception {
        double cpuMinutes = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        int trainCount = args.length > 1 ? Integer.parseInt(args[1]) : 16000;
        List<String> candidates = args.length > 2 ? List.of(args).subList(2, args.length) : List.of("fast", "cpu");
        Path root = Path.of(System.getenv().getOrDefault("VERTREG_SHARED_DATA", "../shared/data"), "ct/tptbox-l3-cutout");
        SimulatedXrays xrays = StudyImages.vertebra(root.resolve("sub-ct_label-22_ct.nii.gz"), root.resolve("sub-ct_seg-vert_label-22_msk.nii.gz"), 22);
        long t0 = System.nanoTime();
        StudyImages train = StudyImages.render(xrays, new PoseSampler(7, PoseSampler.Purpose.TRAINING), trainCount);
        StudyImages validation = StudyImages.render(xrays, new PoseSampler(7, PoseSampler.Purpose.VALIDATION), VALIDATION);
        System.out.printf("rendered %d + %d low-dose images in %.0f s; budget %.1f CPU-min per candidate%n", trainCount, VALIDATION,
                (System.nanoTime() - t0) / 1e9, cpuMinutes);
        for (String candidate : candidates) {
            LgffRegConfig config = candidate.contains("=") ? LgffRegConfig.parse(candidate.replace(';', ' ')) : LgffRegConfig.preset(candidate);
            train(config, train, validation, (long) (cpuMinutes * 60e9));
        }
    }

    private static void train(LgffRegConfig config, StudyImages train, StudyImages validation, long cpuBudgetNanos) {
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(3e-4f)).build();
        try (Model model = Model.newInstance(config.name());
                Trainer trainer = newTrainer(model, config, adam)) {
            Random random = new Random(1);
            List<Integer> order = new ArrayList<>(IntStream.range(0, train.count()).boxed().toList());
            long cpu0 = BenchClock.processCpuNanos(), wall0 = System.nanoTime(), samples = 0;
            int next = 0, checkpoint = 1;
            StringBuilder curve = new StringBuilder();
            while (checkpoint <= CHECKPOINTS) {
                if (next + BATCH > order.size() || next == 0) {
                    java.util.Collections.shuffle(order, random);
                    next = 0;
                }
                int[] batch = order.subList(next, next + BATCH).stream().mapToInt(Integer::intValue).toArray();
                next += BATCH;
                step(trainer, config, train, batch);
                samples += BATCH;
                long cpu = BenchClock.processCpuNanos() - cpu0;
                if (cpu >= cpuBudgetNanos * checkpoint / CHECKPOINTS) {
                    curve.append(String.format(" %6d:%.4f", samples, validationMae(model, trainer.getManager(), validation)));
                    checkpoint++;
                    cpu0 += BenchClock.processCpuNanos() - cpu0 - cpu; // validation is not training time
                }
            }
            System.out.printf("%-40s params %8d  wall %5.0f s  samples:MAE%s%n", config.name() + " patch " + config.patchSize()
                    + " /" + config.inputReduction(), BenchClock.parameterCount(model.getBlock()), (System.nanoTime() - wall0) / 1e9, curve);
        }
    }

    private static Trainer newTrainer(Model model, LgffRegConfig config, Optimizer adam) {
        model.setBlock(LgffRegNetwork.create(config));
        Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l1Loss()).optOptimizer(adam));
        trainer.initialize(new Shape(BATCH, 1, config.inputSize(), config.inputSize()));
        return trainer;
    }

    private static void step(Trainer trainer, LgffRegConfig config, StudyImages data, int[] batch) {
        try (NDManager m = trainer.getManager().newSubManager()) {
            NDArray x = m.create(data.images(batch), new Shape(batch.length, 1, data.side(), data.side()));
            NDArray y = m.create(data.poses(batch), new Shape(batch.length, 6));
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList out = trainer.forward(new NDList(x));
                collector.backward(new PoseLoss(Arrays.stream(config.auxiliaryLossWeights()).boxed().toList()).total(out, y));
            }
            trainer.step();
        }
    }

    /** Mean absolute error of the main head's normalised pose over the validation images, inference mode. */
    private static double validationMae(Model model, NDManager manager, StudyImages validation) {
        double sum = 0;
        for (int start = 0; start < validation.count(); start += BATCH) {
            int[] batch = IntStream.range(start, Math.min(validation.count(), start + BATCH)).toArray();
            try (NDManager m = manager.newSubManager()) {
                NDArray x = m.create(validation.images(batch), new Shape(batch.length, 1, validation.side(), validation.side()));
                NDArray y = m.create(validation.poses(batch), new Shape(batch.length, 6));
                NDArray predicted = model.getBlock().forward(new ParameterStore(m, false), new NDList(x), false).head();
                sum += predicted.sub(y).abs().sum().getFloat();
            }
        }
        return sum / (validation.count() * 6.0);
    }
}
