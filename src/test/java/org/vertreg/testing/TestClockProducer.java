package org.vertreg.testing;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * Under {@code @QuarkusTest} the node's clock is a {@link SettableClock} that starts at the real time and moves only
 * when a test moves it: a series goes quiet when the test says so, never because the machine was slow mid-transfer.
 */
@ApplicationScoped
public class TestClockProducer {

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    SettableClock clock() {
        return new SettableClock(Instant.now());
    }
}
