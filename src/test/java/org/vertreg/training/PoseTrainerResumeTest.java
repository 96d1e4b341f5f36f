package org.vertreg.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.geometry.PoseSampler.Purpose;

/**
 * A run that is killed, or stopped by its time budget, and then resumed ends exactly where an uninterrupted run of the
 * same configuration ends: same parameters, optimiser moments and step, bit for bit. (Same JVM and thread count: the
 * CPU kernels are then deterministic, and every sample, the sample order, the learning rate and dropout are functions
 * of the configuration and the step.)
 */
class PoseTrainerResumeTest {
    private static final TrainingConfig CONFIG = TrainingConfig.defaults(0.4, 0.6, 0.8).withComputeThreads(1).withEpochs(4).withBatchSize(16)
            .withSeed(5).withSchedule(LearningRateSchedule.warmupCosine(2e-3, 4)).withProgress(false);
    private static PoseSamples training;
    private static PoseSamples validation;
    private static Path uninterrupted;

    @BeforeAll
    static void trainWithoutInterruption(@TempDir Path dir) throws Exception {
        training = CachedPoseSamples.inMemory(PhantomXrays.samples(128, 2, Purpose.TRAINING, false));
        validation = CachedPoseSamples.inMemory(PhantomXrays.samples(32, 2, Purpose.VALIDATION, false));
        uninterrupted = dir;
        try (PoseTrainer t = new PoseTrainer(() -> new TinyPoseNet(true), CONFIG, dir)) {
            TrainingResult r = t.train(training, validation);
            assertEquals(4, r.epochsCompleted());
            assertEquals(32, r.steps());
            assertTrue(!r.stoppedByBudget());
        }
    }

    @Test
    void aRunKilledAfterAnEpochResumesToTheSameEnd(@TempDir Path dir) throws Exception {
        PoseSamples dying = new DelegatingSamples(training) {
            @Override
            public PoseSamples forEpoch(int epoch) {
                if (epoch == 2) {
                    throw new IllegalStateException("killed");
                }
                return super.forEpoch(epoch);
            }
        };
        try (PoseTrainer t = new PoseTrainer(() -> new TinyPoseNet(true), CONFIG, dir)) {
            assertThrows(IllegalStateException.class, () -> t.train(dying, validation));
        }
        assertEquals(16, lastCheckpoint(dir).state().step(), "the checkpoint of epoch 2 survives the kill");
        assertEquals(2, TrainingLog.open(dir.resolve(PoseTrainer.LOG), Long.MAX_VALUE).rows().size());
        try (PoseTrainer t = new PoseTrainer(() -> new TinyPoseNet(true), CONFIG, dir)) {
            TrainingResult r = t.train(training, validation);
            assertEquals(4, r.epochsCompleted());
        }
        assertSameEnd(lastCheckpoint(uninterrupted), lastCheckpoint(dir));
        assertSameLosses(uninterrupted, dir);
    }

    @Test
    void theTimeBudgetStopsInTimeLeavesTheBestAndTheRunResumesToTheSameEnd(@TempDir Path dir, @TempDir Path straight) throws Exception {
        // A constant rate: under a budget a cosine follows the time spent (next test), which no rerun repeats exactly.
        TrainingConfig constant = CONFIG.withSchedule(LearningRateSchedule.constant(2e-3));
        try (PoseTrainer t = new PoseTrainer(() -> new TinyPoseNet(true), constant, straight)) {
            t.train(training, validation);
        }
        // A clock that moves 1 ms whenever it is read: the budget's decisions no longer depend on the machine's speed.
        AtomicLong now = new AtomicLong();
        TrainingResult stopped;
        try (PoseTrainer t = new PoseTrainer(() -> new TinyPoseNet(true), constant.withTimeBudget(Duration.ofMillis(30)), dir,
                () -> now.addAndGet(1_000_000), null)) {
            stopped = t.train(training, validation);
            assertTrue(now.get() <= 30_000_000, "finished " + now.get() / 1e6 + " ms into a 30 ms budget");
            assertTrue(stopped.stoppedByBudget());
            assertTrue(stopped.steps() > 8 && stopped.steps() < 32, "stopped after " + stopped.steps() + " steps");
            assertArrayEquals(bestParameters(dir), parameters(t.block()), "the block holds the best validation's parameters");
        }
        List<TrainingLog.Row> rows = TrainingLog.open(dir.resolve(PoseTrainer.LOG), Long.MAX_VALUE).rows();
        assertEquals(stopped.steps(), rows.get(rows.size() - 1).step(), "the stop is validated and logged");
        assertTrue(rows.get(rows.size() - 1).epoch() % 1 != 0, "within an epoch");
        double lowest = rows.stream().mapToDouble(TrainingLog.Row::validationMae).min().orElseThrow();
        assertEquals(lowest, stopped.bestValidationMae(), 1e-5);
        assertTrue(ImageIO.read(dir.resolve(PoseTrainer.PLOT).toFile()).getWidth() > 0);

        try (PoseTrainer t = new PoseTrainer(() -> new TinyPoseNet(true), constant, dir)) {
            assertEquals(32, t.train(training, validation).steps());
        }
        assertSameEnd(lastCheckpoint(straight, constant), lastCheckpoint(dir, constant));
    }

    @Test
    void underATimeBudgetTheCosineDecaysWithinTheBudgetAndAResumeGetsOnlyWhatIsLeft(@TempDir Path dir) throws Exception {
        // 100 epochs could never fit: by steps the rate would hardly have moved from its peak when the budget stops it.
        TrainingConfig long100 = CONFIG.withEpochs(100).withTimeBudget(Duration.ofMillis(40));
        AtomicLong now = new AtomicLong();
        TrainingResult first;
        try (PoseTrainer t = new PoseTrainer(() -> new TinyPoseNet(true), long100, dir, () -> now.addAndGet(1_000_000), null)) {
            first = t.train(training, validation);
        }
        List<TrainingLog.Row> rows = TrainingLog.open(dir.resolve(PoseTrainer.LOG), Long.MAX_VALUE).rows();
        double last = rows.get(rows.size() - 1).learningRate();
        assertTrue(first.stoppedByBudget());
        assertTrue(last < 0.3 * 2e-3, "the last rate " + last + " is near the cosine's end, not its peak 2e-3");
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i).learningRate() <= rows.get(i - 1).learningRate(), "falls after the warm-up");
        }

        // The same budget again: the resumed run has only the few milliseconds the first left, and ends within the budget.
        AtomicLong later = new AtomicLong();
        try (PoseTrainer t = new PoseTrainer(() -> new TinyPoseNet(true), long100, dir, () -> later.addAndGet(1_000_000), null)) {
            TrainingResult resumed = t.train(training, validation);
            assertTrue(resumed.stoppedByBudget());
            assertTrue(resumed.steps() - first.steps() <= 2, first.steps() + " steps, then " + resumed.steps());
        }
        List<TrainingLog.Row> all = TrainingLog.open(dir.resolve(PoseTrainer.LOG), Long.MAX_VALUE).rows();
        assertTrue(all.get(all.size() - 1).elapsedSeconds() <= 0.040, "trained " + all.get(all.size() - 1).elapsedSeconds() + " s of 0.040");
    }

    @Test
    void aCheckpointOfAnotherConfigurationIsRefused(@TempDir Path dir) throws Exception {
        Files.copy(uninterrupted.resolve(Checkpoints.LAST), dir.resolve(Checkpoints.LAST));
        try (PoseTrainer t = new PoseTrainer(() -> new TinyPoseNet(true), CONFIG.withBatchSize(8), dir)) {
            assertThrows(IllegalStateException.class, () -> t.train(training, validation));
        }
    }

    private record Snapshot(TrainingState state, byte[] parameters, byte[] moments) {
    }

    private static Snapshot lastCheckpoint(Path dir) throws Exception {
        return lastCheckpoint(dir, CONFIG);
    }

    private static Snapshot lastCheckpoint(Path dir, TrainingConfig config) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = initialised(m);
            AdamW adam = new AdamW(config.weightDecay());
            TrainingState state = new Checkpoints(dir).readLast(PoseTrainer.fingerprint(config, training, validation), net, m, adam);
            ByteArrayOutputStream moments = new ByteArrayOutputStream();
            adam.save(new DataOutputStream(moments));
            return new Snapshot(state, parameters(net), moments.toByteArray());
        }
    }

    private static void assertSameEnd(Snapshot expected, Snapshot actual) {
        assertEquals(expected.state().withElapsed(0), actual.state().withElapsed(0));
        assertArrayEquals(expected.parameters(), actual.parameters(), "parameters");
        assertArrayEquals(expected.moments(), actual.moments(), "optimiser moments");
    }

    private static void assertSameLosses(Path expected, Path actual) throws Exception {
        List<TrainingLog.Row> a = TrainingLog.open(expected.resolve(PoseTrainer.LOG), Long.MAX_VALUE).rows();
        List<TrainingLog.Row> b = TrainingLog.open(actual.resolve(PoseTrainer.LOG), Long.MAX_VALUE).rows();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).trainLoss(), b.get(i).trainLoss(), "training loss of row " + i);
            assertEquals(a.get(i).validationMae(), b.get(i).validationMae(), "validation MAE of row " + i);
        }
    }

    private static byte[] bestParameters(Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = initialised(m);
            new Checkpoints(dir).loadBest(net, m);
            return parameters(net);
        }
    }

    private static Block initialised(NDManager m) {
        Block net = new TinyPoseNet(true);
        net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 128, 128));
        return net;
    }

    private static byte[] parameters(Block block) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        block.saveParameters(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }
}
