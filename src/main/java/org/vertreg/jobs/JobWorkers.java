package org.vertreg.jobs;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Starts the node's worker pools with the node: registrations and output sends in one pool, preparations (long
 * trainings) in another, so an X-ray never waits behind a training; one listener wakes both.
 */
@ApplicationScoped
public class JobWorkers {
    private static final Logger LOG = Logger.getLogger(JobWorkers.class);

    @Inject
    JobsConfig config;
    @Inject
    JobQueue queue;
    @Inject
    DataSource db;
    @Inject
    RegistrationHandler registration;
    @Inject
    SendHandler send;
    @Inject
    PreparationHandler preparation;

    private final List<WorkerPool> pools = new ArrayList<>();
    private JobNotifications notifications;

    void start(@Observes StartupEvent started) {
        if (!config.workers()) {
            LOG.info("job workers off (vertreg.jobs.workers=false): jobs are queued for workers elsewhere");
            return;
        }
        String worker = workerId();
        RetryPolicy retry = new RetryPolicy.ExponentialBackoff(config.backoffFirst(), config.backoffMax());
        pools.add(new WorkerPool(queue, List.of(registration, send), settings("registration", config.registrationWorkers(), retry), worker));
        pools.add(new WorkerPool(queue, List.of(preparation), settings("preparation", config.preparationWorkers(), retry), worker));
        notifications = new JobNotifications(db, kind -> pools.stream().filter(p -> p.kinds().contains(kind)).forEach(WorkerPool::wake)).start();
        pools.forEach(WorkerPool::start);
        LOG.infof("job workers started as %s: %d registration, %d preparation", worker, config.registrationWorkers(), config.preparationWorkers());
    }

    void stop(@Observes ShutdownEvent stopping) {
        pools.forEach(WorkerPool::close);
        if (notifications != null) {
            notifications.close();
        }
    }

    private WorkerPool.Settings settings(String name, int threads, RetryPolicy retry) {
        return new WorkerPool.Settings(name, threads, config.lease(), config.heartbeat(), config.pollInterval(), retry);
    }

    /** Host and process: unique among the queue's workers, and what an administrator recognises in a lease. */
    static String workerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        return host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
