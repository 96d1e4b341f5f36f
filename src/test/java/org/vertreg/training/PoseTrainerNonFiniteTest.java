package org.vertreg.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.geometry.PoseSampler.Purpose;

/**
 * A non-finite loss or gradient never reaches the parameters: the step is skipped and reported, and the run goes on;
 * when such steps come {@value TrainingRun#MAX_SKIPPED_IN_A_ROW} in a row, or one has already spoilt a running
 * statistic, the run stops at once with {@link TrainingDivergedException} instead of spending its budget. Broken
 * samples stand in for whatever makes a step non-finite.
 */
class PoseTrainerNonFiniteTest {
    private static final int BATCH = 16;
    private static final TrainingConfig CONFIG = TrainingConfig.defaults(0.4, 0.6, 0.8).withComputeThreads(1).withEpochs(3)
            .withBatchSize(BATCH).withSeed(11).withSchedule(LearningRateSchedule.constant(2e-3)).withProgress(false);
    private static PoseSamples training;
    private static PoseSamples validation;

    @BeforeAll
    static void samples() {
        training = CachedPoseSamples.inMemory(PhantomXrays.samples(128, 3, Purpose.TRAINING, false));
        validation = CachedPoseSamples.inMemory(PhantomXrays.samples(32, 3, Purpose.VALIDATION, false));
    }

    @Test
    void aBatchWhoseLossIsNotFiniteIsSkippedReportedAndTheRunGoesOn(@TempDir Path dir) throws Exception {
        // Sample 37's pose is NaN: in each epoch's shuffled order it sits in exactly one batch.
        PoseSamples oneBadPose = altered((index, image, pose) -> {
            if (index == 37) {
                pose[4] = Float.NaN;
            }
        });
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        TrainingResult r;
        try (PoseTrainer t = trainer(dir, console)) {
            r = t.train(oneBadPose, validation);
            assertTrue(Gradients.firstNonFiniteValue(t.block().getParameters()).isEmpty(), "every parameter is finite");
        }
        assertEquals(3, r.skippedSteps(), "one skipped step per epoch");
        assertEquals(3, r.epochsCompleted());
        assertEquals(24, r.steps(), "a skipped step still counts as a step of the schedule");
        assertTrue(Double.isFinite(r.bestValidationMae()) && r.bestValidationMae() < 1, "validation MAE " + r.bestValidationMae());
        List<String> reports = console.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("non-finite")).toList();
        assertEquals(3, reports.size(), "each skipped step is reported: " + reports);
        assertTrue(reports.get(0).matches("step \\d+ \\(epoch 1, batch \\d+\\): non-finite loss NaN; batch skipped, parameters unchanged"),
                reports.get(0));
        for (TrainingLog.Row row : TrainingLog.open(dir.resolve(PoseTrainer.LOG), Long.MAX_VALUE).rows()) {
            assertTrue(Double.isFinite(row.trainLoss()), "an epoch's training loss leaves the skipped batch out: " + row);
        }
    }

    @Test
    void nonFiniteStepsInARowStopTheRunAtOnce(@TempDir Path dir) throws Exception {
        // From the second epoch on every pose is NaN: the run must stop at that epoch's fifth step, not spend its epochs.
        PoseSamples allPosesBroken = altered((index, image, pose) -> Arrays.fill(pose, Float.NaN));
        PoseSamples brokenFromEpoch2 = new DelegatingSamples(training) {
            @Override
            public PoseSamples forEpoch(int epoch) {
                return epoch == 0 ? training : allPosesBroken;
            }
        };
        try (PoseTrainer t = trainer(dir, new ByteArrayOutputStream())) {
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> t.train(brokenFromEpoch2, validation));
            int stepsPerEpoch = training.size() / BATCH;
            int last = stepsPerEpoch + TrainingRun.MAX_SKIPPED_IN_A_ROW;
            assertEquals("step " + last + " (epoch 2, batch " + TrainingRun.MAX_SKIPPED_IN_A_ROW + "): non-finite loss NaN; "
                    + TrainingRun.MAX_SKIPPED_IN_A_ROW + " steps in a row were non-finite, the run cannot go on", e.getMessage());
        }
        assertEquals(1, TrainingLog.open(dir.resolve(PoseTrainer.LOG), Long.MAX_VALUE).rows().size(), "only the first epoch was logged");
    }

    @Test
    void aStepThatSpoilsARunningStatisticStopsTheRunAtOnce(@TempDir Path dir) throws Exception {
        // A NaN pixel passes the forward pass into the batch norm's running mean: skipping the step cannot undo that.
        PoseSamples oneBadPixel = altered((index, image, pose) -> {
            if (index == 90) {
                image[64 * 128 + 64] = Float.NaN;
            }
        });
        try (PoseTrainer t = trainer(dir, new ByteArrayOutputStream())) {
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> t.train(oneBadPixel, validation));
            assertTrue(e.getMessage().matches("step \\d+ \\(epoch 1, batch \\d+\\): non-finite loss NaN, which left \\S*running\\S* non-finite;"
                    + " the run cannot go on"), e.getMessage());
        }
    }

    /** Changes a sample as it is filled: broken samples stand in for whatever makes a step non-finite. */
    private interface Alteration {
        void apply(int index, float[] image, float[] pose);
    }

    /** The training samples, each altered as it is filled, the same in every epoch. */
    private static PoseSamples altered(Alteration alteration) {
        return new DelegatingSamples(training) {
            @Override
            public PoseSamples forEpoch(int epoch) {
                return this;
            }

            @Override
            public void fill(int index, float[] image, float[] pose) {
                super.fill(index, image, pose);
                alteration.apply(index, image, pose);
            }
        };
    }

    /** A clock that moves 1 ms per read, so that no budget or timing depends on the machine. */
    private static PoseTrainer trainer(Path dir, ByteArrayOutputStream console) {
        AtomicLong now = new AtomicLong();
        return new PoseTrainer(() -> new TinyPoseNet(true), CONFIG, dir, () -> now.addAndGet(1_000_000),
                new PrintStream(console, true, StandardCharsets.UTF_8));
    }
}
