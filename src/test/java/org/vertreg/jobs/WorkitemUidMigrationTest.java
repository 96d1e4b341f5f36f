package org.vertreg.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.vertreg.testing.MigratedDatabase;

/**
 * V9 gives every job a stored workitem UID: jobs queued before keep the UID the UPS-RS API derived from their id (2.25
 * and the name-based UUID of "vertreg-job-id", as it did in Java), new jobs get 2.25 and a random UUID, unique.
 */
class WorkitemUidMigrationTest {
    static final String DATABASE = "vertreg_migration_test";

    /** The UID the API showed for a job before V9. */
    static String derivedBeforeV9(long id) {
        UUID u = UUID.nameUUIDFromBytes(("vertreg-job-" + id).getBytes(StandardCharsets.UTF_8));
        return "2.25." + new BigInteger(1, ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array());
    }

    @Test
    void earlierJobsKeepTheirUidsAndNewOnesGetUniqueUuidUids() throws Exception {
        MigratedDatabase.ensureExists(DATABASE);
        String url = MigratedDatabase.SERVER + DATABASE;
        Flyway before = Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").placeholders(MigratedDatabase.PLACEHOLDERS).cleanDisabled(false).target("8").load();
        before.clean();
        before.migrate();
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("insert into job (kind, state, priority, max_attempts, run_at, payload, created_at, updated_at) "
                    + "select 'register-xray', 'COMPLETED', 0, 3, now(), '{}', now(), now() from generate_series(1, 40)");
        }
        Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").placeholders(MigratedDatabase.PLACEHOLDERS).load().migrate();

        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("select id, workitem_uid from job order by id")) {
                int n = 0;
                while (r.next()) {
                    assertEquals(derivedBeforeV9(r.getLong(1)), r.getString(2), "job " + r.getLong(1));
                    n++;
                }
                assertEquals(40, n);
            }
            s.execute("insert into job (kind, state, priority, max_attempts, run_at, payload, created_at, updated_at) "
                    + "select 'register-xray', 'AVAILABLE', 0, 3, now(), '{}', now(), now() from generate_series(1, 1000)");
            List<String> fresh = new ArrayList<>();
            try (ResultSet r = s.executeQuery("select id, workitem_uid from job where id > 40 order by id")) {
                while (r.next()) {
                    String uid = r.getString(2);
                    assertTrue(uid.matches("2\\.25\\.(0|[1-9][0-9]*)") && uid.length() <= 64, uid);
                    assertNotEquals(derivedBeforeV9(r.getLong(1)), uid);
                    fresh.add(uid);
                }
            }
            assertEquals(1000, new HashSet<>(fresh).size(), "unique");
            // the decimal is the whole UUID: 2^128 - 1 at most, and a random UUID (version 4) below it
            BigInteger max = BigInteger.ONE.shiftLeft(128);
            assertTrue(fresh.stream().map(u -> new BigInteger(u.substring(5))).allMatch(v -> v.compareTo(max) < 0));
        }
    }
}
