package org.vertreg.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void constantIsConstant() {
        LearningRateSchedule s = LearningRateSchedule.constant(6e-5);
        assertEquals(6e-5, s.rate(0, 100));
        assertEquals(6e-5, s.rate(99, 100));
    }

    @Test
    void warmUpRisesLinearlyThenTheCosineFallsToItsFloor() {
        LearningRateSchedule s = LearningRateSchedule.warmupCosine(1e-3, 10);
        assertEquals(1e-4, s.rate(0, 110), 1e-12);
        assertEquals(5e-4, s.rate(4, 110), 1e-12);
        assertEquals(1e-3, s.rate(10, 110), 1e-12);
        assertEquals(1e-3 * (0.01 + 0.99 * 0.5), s.rate(10 + 99 / 2, 110), 1e-5);
        assertEquals(1e-5, s.rate(109, 110), 1e-12);
        for (int step = 11; step < 110; step++) {
            assertTrue(s.rate(step, 110) <= s.rate(step - 1, 110), "falls monotonically after the warm-up");
        }
        assertEquals(1e-5, s.rate(500, 110), 1e-12, "a run extended beyond its planned length stays at the floor");
    }

    @Test
    void aTimeBudgetSpentFasterThanTheStepsDrivesTheCosine() {
        LearningRateSchedule s = LearningRateSchedule.warmupCosine(1e-3, 10);
        assertEquals(s.rate(10 + 99 / 2, 110), s.rate(10 + 99 / 2, 110, 0.1), 1e-15, "the steps are further: they lead");
        assertEquals(1e-3 * (0.01 + 0.99 * 0.5), s.rate(20, 110, 0.5), 1e-12, "half the budget spent: half the cosine");
        assertEquals(1e-5, s.rate(20, 110, 1.2), 1e-12, "budget overrun: the floor");
        assertEquals(5e-4, s.rate(4, 110, 0.9), 1e-12, "the warm-up counts steps");
        assertEquals(6e-5, LearningRateSchedule.constant(6e-5).rate(50, 100, 0.7), "a constant rate ignores the budget");
        assertThrows(IllegalArgumentException.class, () -> s.rate(5, 110, Double.NaN));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(0));
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1e-3, -1, false, 1));
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1e-3, 0, true, 2));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(1).rate(-1, 10));
    }
}
