package org.vertreg.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.exceptionsorter.PostgreSQLExceptionSorter;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;

/**
 * A PostgreSQL database of the plain (non-Quarkus) tests that need the node's schema ({@value #NAME}, on the real server
 * the node uses: the queue's and the audit chain's tests), migrated by the node's own Flyway scripts: tested against
 * exactly the schema they run on, and apart from the {@code @QuarkusTest} database, which Quarkus cleans at its own start.
 */
public final class MigratedDatabase {
    public static final String NAME = "vertreg_migrated_test";
    public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    /** The node's database role, as the node connects (bin/setup creates it); the migrations run as postgres, the owner. */
    public static final String NODE_ROLE = "vertreg";
    public static final java.util.Map<String, String> PLACEHOLDERS = java.util.Map.of("node_role", NODE_ROLE);

    private static boolean migrated;
    private static AgroalDataSource pool;

    private MigratedDatabase() {
    }

    public static String url() {
        return SERVER + NAME;
    }

    /**
     * The database, created if missing and migrated to the current schema; every job, transition and audit event deleted
     * (the audit trail's triggers refuse deletes, so as a superuser with triggers off).
     */
    public static synchronized DataSource fresh() {
        try {
            if (!migrated) {
                ensureExists(NAME);
                Flyway flyway = Flyway.configure().dataSource(url(), "postgres", "").locations("classpath:db/migration").placeholders(MigratedDatabase.PLACEHOLDERS).cleanDisabled(false)
                        .load();
                flyway.clean(); // once per test JVM: a schema from another checkout's migrations never lingers
                flyway.migrate();
                migrated = true;
            }
            DataSource ds = dataSource();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("truncate job, job_transition restart identity");
                s.execute("set session_replication_role = replica");
                s.execute("delete from audit_event");
                s.execute("set session_replication_role = origin");
            }
            return ds;
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + SERVER + " (bin/setup starts it): " + e.getMessage(), e);
        }
    }

    /**
     * A pool of connections, as the node has (Agroal, Quarkus' own pool): a new connection per statement costs ~10 ms. A
     * connection PostgreSQL dropped (a restart) is discarded at its first error, as Quarkus' pool does for PostgreSQL.
     */
    public static synchronized DataSource dataSource() {
        if (pool == null) {
            try {
                pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier().connectionPoolConfiguration(p -> p
                        .maxSize(16).exceptionSorter(new PostgreSQLExceptionSorter()).connectionFactoryConfiguration(f -> f.jdbcUrl(url()).principal(new NamePrincipal("postgres"))
                                .credential(new SimplePassword("")))));
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL at " + SERVER + " (bin/setup starts it): " + e.getMessage(), e);
            }
        }
        return pool;
    }

    /** Creates database {@code name} on the server unless it exists. */
    public static void ensureExists(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             PreparedStatement q = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            q.setString(1, name);
            try (ResultSet r = q.executeQuery()) {
                if (r.next()) {
                    return;
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("create database " + name);
            } catch (SQLException raced) {
                if (!"42P04".equals(raced.getSQLState())) { // duplicate_database: another test JVM made it first
                    throw raced;
                }
            }
        }
    }
}
