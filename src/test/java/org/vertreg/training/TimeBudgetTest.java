package org.vertreg.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimeBudgetTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aResumedRunHasOnlyWhatItsCheckpointHadNotSpent() {
        TimeBudget fresh = new TimeBudget(Optional.of(Duration.ofSeconds(100)), 5 * SECOND, 0);
        TimeBudget resumed = new TimeBudget(Optional.of(Duration.ofSeconds(100)), 5 * SECOND, 60 * SECOND);
        long now = 35 * SECOND; // 30 s into this invocation
        assertTrue(fresh.allowsStep(now, SECOND, 2 * SECOND));
        assertFalse(resumed.allowsStep(now + 6 * SECOND, SECOND, 2 * SECOND), "60 + 36 s spent: a step and the finish (×1.5) no longer fit");
        assertTrue(resumed.allowsStep(now, SECOND, 2 * SECOND), "60 + 30 s spent: 4.5 s more fit");
        assertEquals(30 * SECOND, resumed.elapsed(now));
        assertEquals(90 * SECOND, resumed.spent(now));
        assertEquals(0.9, resumed.fractionSpent(now), 1e-12);
        assertEquals(0.3, fresh.fractionSpent(now), 1e-12);
    }

    @Test
    void withoutABudgetEveryStepIsAllowedAndNothingIsSpent() {
        TimeBudget none = new TimeBudget(Optional.empty(), 0, 10 * SECOND);
        assertTrue(none.allowsStep(Long.MAX_VALUE / 2, SECOND, SECOND));
        assertEquals(0.0, none.fractionSpent(1000 * SECOND));
    }

    @Test
    void theFirstStepOfAnInvocationIsTakenWhileAnyBudgetIsLeft() {
        assertTrue(new TimeBudget(Optional.of(Duration.ofSeconds(11)), 0, 10 * SECOND).allowsStep(0, Double.NaN, Double.NaN));
        assertFalse(new TimeBudget(Optional.of(Duration.ofSeconds(10)), 0, 10 * SECOND).allowsStep(0, Double.NaN, Double.NaN));
    }
}
