package org.vertreg.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {

    @Test
    void defaultsAreThePapersOptimiserWithTheCallersAuxiliaryWeights() {
        TrainingConfig c = TrainingConfig.defaults(0.4, 0.6, 0.8);
        assertEquals(List.of(0.4, 0.6, 0.8), c.auxWeights());
        assertEquals(6e-5, c.schedule().rate(0, 1000));
        assertEquals(6e-5, c.schedule().rate(999, 1000));
        assertEquals(0.05, c.weightDecay());
        assertEquals(320, c.epochs());
        assertEquals(List.of(), TrainingConfig.defaults().auxWeights());
    }

    @Test
    void refusesWhatCannotTrain() {
        TrainingConfig c = TrainingConfig.defaults();
        assertThrows(IllegalArgumentException.class, () -> c.withBatchSize(0));
        assertThrows(IllegalArgumentException.class, () -> c.withEpochs(0));
        assertThrows(IllegalArgumentException.class, () -> c.withLoaderThreads(0));
        assertThrows(IllegalArgumentException.class, () -> c.withWeightDecay(-0.1));
        assertThrows(IllegalArgumentException.class, () -> c.withTimeBudget(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.defaults(0.4, Double.NaN));
    }

    @Test
    void aResumeMayChangeTheLengthBudgetAndThreadsButNotTheUpdates() {
        TrainingConfig c = TrainingConfig.defaults(0.4, 0.6, 0.8);
        String f = c.resumeFingerprint();
        assertEquals(f, c.withEpochs(500).withTimeBudget(Duration.ofHours(1)).withLoaderThreads(3).withProgress(false).resumeFingerprint());
        assertNotEquals(f, c.withBatchSize(8).resumeFingerprint());
        assertNotEquals(f, c.withSeed(1).resumeFingerprint());
        assertNotEquals(f, c.withWeightDecay(0.01).resumeFingerprint());
        assertNotEquals(f, c.withSchedule(LearningRateSchedule.warmupCosine(6e-5, 100)).resumeFingerprint());
        assertNotEquals(f, TrainingConfig.defaults().resumeFingerprint());
    }
}
