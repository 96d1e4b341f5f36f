package org.vertreg.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import javax.sql.DataSource;

/** The node's one job queue, on its database and its clock. */
@ApplicationScoped
public class JobQueueProducer {

    @Produces
    @Singleton
    JobQueue queue(DataSource db, Clock clock) {
        return new JobQueue(db, clock);
    }
}
