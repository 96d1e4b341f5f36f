package org.vertreg.training.bench;

import ai.djl.nn.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import org.vertreg.geometry.PoseSampler.Purpose;
import org.vertreg.training.PoseSamples;
import org.vertreg.training.PoseTrainer;
import org.vertreg.training.TinyPoseNet;
import org.vertreg.training.TrainingConfig;
import org.vertreg.training.TrainingResult;
import org.vertreg.training.CachedPoseSamples;
import org.vertreg.training.DrrPoseSamples;
import org.vertreg.training.PhantomXrays;

/**
 * Where training time goes: rendering a sample (DRR, low-dose) on one thread, making the 8-bit cache, and a training
 * epoch of the small test network with samples rendered on the fly against cached ones. Arguments: samples (400),
 * compute threads (0: the engine's default). Not a test: run by hand, see bench/TRAINING.md.
 */
public final class TrainingThroughput {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        for (boolean lowDose : new boolean[] {false, true}) {
            DrrPoseSamples s = PhantomXrays.samples(n, 9, Purpose.TRAINING, lowDose);
            float[] image = new float[s.pixels()], pose = new float[6];
            for (int i = 0; i < 50; i++) {
                s.fill(i, image, pose); // warm-up
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                s.fill(i, image, pose);
            }
            System.out.printf(Locale.ROOT, "render %s: %.2f ms/sample on one thread%n", lowDose ? "low-dose" : "DRR",
                    (System.nanoTime() - t0) / 1e6 / n);
        }
        PoseSamples onTheFly = PhantomXrays.samples(n, 9, Purpose.TRAINING, true);
        PoseSamples validation = CachedPoseSamples.inMemory(PhantomXrays.samples(64, 9, Purpose.VALIDATION, true));
        long t0 = System.nanoTime();
        PoseSamples cached = CachedPoseSamples.inMemory(onTheFly);
        System.out.printf(Locale.ROOT, "cache %d low-dose samples in memory: %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
        TrainingConfig config = TrainingConfig.defaults().withEpochs(2).withProgress(false).withComputeThreads(threads);
        train(() -> new TinyPoseNet(false), config, onTheFly, validation, "test network, rendered on the fly");
        train(() -> new TinyPoseNet(false), config, cached, validation, "test network, cached");
    }

    /** Trains with {@code config} in a temporary directory and prints the result line. */
    static TrainingResult train(Supplier<Block> net, TrainingConfig config, PoseSamples training, PoseSamples validation, String label)
            throws Exception {
        Path dir = Files.createTempDirectory("train-bench");
        try (PoseTrainer trainer = new PoseTrainer(net, config, dir)) {
            TrainingResult r = trainer.train(training, validation);
            System.out.printf(Locale.ROOT, "%s: %.1f samples/s, best validation MAE %.4f (epoch %d), %.1f s, peak RSS %d MB%n", label,
                    r.samplesPerSecond(), r.bestValidationMae(), r.bestEpoch(), r.wallSeconds(), r.peakResidentBytes() >> 20);
            return r;
        }
    }
}
