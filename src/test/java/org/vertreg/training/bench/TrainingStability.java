package org.vertreg.training.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.vertreg.geometry.PoseSampler.Purpose;
import org.vertreg.model.network.LgffRegConfig;
import org.vertreg.model.network.LgffRegNetwork;
import org.vertreg.training.LearningRateSchedule;
import org.vertreg.training.PoseSamples;
import org.vertreg.training.PoseTrainer;
import org.vertreg.training.TrainingConfig;
import org.vertreg.training.TrainingDivergedException;
import org.vertreg.training.TrainingResult;
import org.vertreg.training.CachedPoseSamples;
import org.vertreg.training.PhantomXrays;
import org.vertreg.training.VertebraTraining;

/**
 * Counts non-finite training steps: for each variant, {@code runs} short runs of {@code steps} steps on low-dose DRRs
 * of the spine phantom's middle vertebra, each from its own initialisation seed (1, 2, …) and sample order, at the
 * recommended peak learning rate from the first step (harsher than the warm-up). A step whose loss or gradient is not
 * finite is skipped by the trainer and counted; a run the trainer stops is counted too.
 *
 * <p>Arguments: runs (50), steps (30), batch (32), compute threads (0: the engine's choice), then variant names in the
 * form of {@link LgffRegConfig#name()} (default: the fast preset's five ablation variants). Not a test: see
 * bench/stability.sh.
 */
public final class TrainingStability {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        String[] variants = args.length > 4 ? Arrays.copyOfRange(args, 4, args.length)
                : new String[] {"fast", "fast-local-only", "fast-global-only", "fast-concat", "fast-no-aux"};
        PoseSamples training = CachedPoseSamples.inMemory(PhantomXrays.samples(steps * batch, 9, Purpose.TRAINING, true));
        PoseSamples validation = CachedPoseSamples.inMemory(PhantomXrays.samples(batch, 9, Purpose.VALIDATION, true));
        System.out.printf(Locale.ROOT, "%d runs x %d steps of %d, compute threads %s%n", runs, steps, batch, threads == 0 ? "all" : threads);
        System.out.printf(Locale.ROOT, "%-32s %5s %7s %16s %13s %14s %12s%n", "variant", "runs", "steps", "non-finite steps",
                "runs stopped", "final loss", "samples/s");
        for (String name : variants) {
            LgffRegConfig network = LgffRegConfig.ofName(name);
            TrainingConfig config = TrainingConfig.defaults(network.auxiliaryLossWeights()).withBatchSize(batch).withEpochs(1)
                    .withSchedule(LearningRateSchedule.constant(VertebraTraining.RECOMMENDED_PEAK_RATE)).withProgress(false)
                    .withComputeThreads(threads);
            int nonFinite = 0, stopped = 0;
            double lossSum = 0, throughputSum = 0;
            for (int seed = 1; seed <= runs; seed++) {
                Path dir = Files.createTempDirectory("stability");
                try (PoseTrainer trainer = new PoseTrainer(() -> LgffRegNetwork.create(network), config.withSeed(seed), dir)) {
                    TrainingResult r = trainer.train(training, validation);
                    nonFinite += r.skippedSteps();
                    lossSum += r.bestValidationLoss();
                    throughputSum += r.samplesPerSecond();
                } catch (TrainingDivergedException e) {
                    stopped++;
                    System.out.println("  seed " + seed + ": " + e.getMessage());
                } finally {
                    deleteTree(dir);
                }
            }
            int finished = runs - stopped;
            System.out.printf(Locale.ROOT, "%-32s %5d %7d %16d %13d %14.4f %12.1f%n", name, runs, runs * steps, nonFinite, stopped,
                    lossSum / Math.max(1, finished), throughputSum / Math.max(1, finished));
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
