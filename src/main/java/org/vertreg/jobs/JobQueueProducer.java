package org.vertreg.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import javax.sql.DataSource;

/** Makes the node's {@link JobQueue} and {@link JobListing} and {@link Workitems}: the application's data source and the node's clock. */
@ApplicationScoped
public class JobQueueProducer {

    @Produces
    @Singleton
    JobQueue jobQueue(DataSource dataSource, Clock clock) {
        return new JobQueue(dataSource, clock);
    }

    @Produces
    @Singleton
    JobListing jobListing(DataSource dataSource) {
        return new JobListing(dataSource);
    }

    @Produces
    @Singleton
    RegistrationTargets registrationTargets(JobsConfig config) {
        return new RegistrationTargets(config.registration().targetCacheMb() * 1024L * 1024L);
    }

    @Produces
    @Singleton
    Workitems workitems(DataSource dataSource) {
        return new Workitems(dataSource);
    }
}
