package org.vertreg.model.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.vertreg.testing.MigratedDatabase;

/**
 * The real PostgreSQL test database (the one the test profile uses, {@code vertreg_test}), with the node's migrations
 * applied in a schema of its own, dropped on close: tests here neither see nor disturb what other tests store.
 */
public final class TestDatabase implements AutoCloseable {
    private static final String URL = System.getProperty("vertreg.test.jdbc-url", "jdbc:postgresql://127.0.0.1:5432/vertreg_test");

    private final String schema = "model_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

    public TestDatabase() {
        dataSource.setURL(URL);
        dataSource.setUser("postgres");
        Flyway.configure().dataSource(dataSource).schemas(schema).locations("classpath:db/migration").placeholders(MigratedDatabase.PLACEHOLDERS).load().migrate();
        dataSource.setCurrentSchema(schema);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Adds a CT series (with its patient and study) that models can belong to. */
    public void addSeries(String seriesUid) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into patient (patient_id) values ('P-" + seriesUid + "')");
            s.executeUpdate("insert into study (patient_pk, study_instance_uid) select id, '" + seriesUid + ".1' from patient "
                    + "where patient_id = 'P-" + seriesUid + "'");
            s.executeUpdate("insert into series (study_pk, series_instance_uid, modality, status) select id, '" + seriesUid
                    + "', 'CT', 'READY' from study where study_instance_uid = '" + seriesUid + ".1'");
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("drop schema " + schema + " cascade");
        }
    }
}
