package org.vertreg.archive;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one clock of the node: every time the archive (and the model store) writes or compares is read from it and
 * passed to SQL as a parameter, never taken from the database's {@code now()}, so that tests can move it by hand.
 */
@ApplicationScoped
public class NodeClock {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
