package org.vertreg.jobs;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens on the queue's channel and hands each notified kind to {@code onReady}, so idle workers start a new job at once
 * instead of at their next poll. Polling stays the fallback: a lost connection is reopened after a pause, and nothing is
 * lost meanwhile but latency.
 */
public final class JobNotifications implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(JobNotifications.class);
    private static final int WAIT_MS = 500;
    private static final long RECONNECT_MS = 2_000;

    private final DataSource db;
    private final Consumer<String> onReady;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;

    public JobNotifications(DataSource db, Consumer<String> onReady) {
        this.db = Objects.requireNonNull(db, "db");
        this.onReady = Objects.requireNonNull(onReady, "onReady");
        this.thread = new Thread(this::listen, "job-notifications");
        this.thread.setDaemon(true);
    }

    public JobNotifications start() {
        thread.start();
        return this;
    }

    private void listen() {
        while (running) {
            try (Connection c = db.getConnection()) {
                connection = c;
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + JobQueue.CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] ns = pg.getNotifications(WAIT_MS);
                    if (ns != null) {
                        for (PGNotification n : ns) {
                            onReady.accept(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warnf("job notifications interrupted (%s); polling until they are back", e.getMessage());
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_MS);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
