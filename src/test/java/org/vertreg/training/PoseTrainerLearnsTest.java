package org.vertreg.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.geometry.PoseSampler.Purpose;

class PoseTrainerLearnsTest {

    @Test
    void validationErrorFallsWellBelowPredictingTheMeanPose(@TempDir Path dir) throws Exception {
        PoseSamples training = CachedPoseSamples.inMemory(PhantomXrays.samples(1024, 1, Purpose.TRAINING, false));
        PoseSamples validation = CachedPoseSamples.inMemory(PhantomXrays.samples(128, 1, Purpose.VALIDATION, false));
        double meanPose = MeanPoseBaseline.mae(training, validation);
        TrainingConfig config = TrainingConfig.defaults().withComputeThreads(1).withEpochs(10).withBatchSize(16)
                .withSchedule(LearningRateSchedule.constant(2e-3));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (PoseTrainer trainer = new PoseTrainer(() -> new TinyPoseNet(false), config, dir, System::nanoTime,
                new PrintStream(console, true, StandardCharsets.UTF_8))) {
            TrainingResult result = trainer.train(training, validation);
            System.out.printf("validation MAE %.4f after %d epochs; predicting the mean pose %.4f%n", result.bestValidationMae(),
                    result.epochsCompleted(), meanPose);
            assertEquals(10, result.epochsCompleted());
            assertTrue(meanPose > 0.4, "poses uniform in ±1 are 0.5 from their mean on average: " + meanPose);
            assertTrue(result.bestValidationMae() < 0.7 * meanPose,
                    "validation MAE " + result.bestValidationMae() + " against " + meanPose + " for the mean pose");
            assertTrue(result.samplesPerSecond() > 0 && result.wallSeconds() > 0 && result.peakHeapBytes() > 0);
        }
        assertEquals(1 + 10, Files.readAllLines(dir.resolve(PoseTrainer.LOG)).size(), "a header and one row per epoch");
        assertTrue(Files.size(dir.resolve(PoseTrainer.PLOT)) > 0);
        String progress = console.toString(StandardCharsets.UTF_8);
        assertTrue(progress.contains("samples/s") && progress.contains("ETA") && progress.contains("epoch 10.00"), progress);
    }
}
