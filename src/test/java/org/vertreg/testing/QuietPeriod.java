package org.vertreg.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.vertreg.archive.ArchiveConfig;

/** Lets every series received so far go quiet at once, by moving the node's test clock past the quiet period. */
@ApplicationScoped
public class QuietPeriod {
    @Inject
    SettableClock clock;
    @Inject
    ArchiveConfig config;

    public void elapse() {
        clock.advance(config.quietPeriod().plus(Duration.ofSeconds(1)));
    }
}
