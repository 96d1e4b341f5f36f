package org.vertreg.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vertreg.cli.Main;
import org.vertreg.testing.MigratedDatabase;

/** The audit trail's hash chain and append-only triggers, on the node's own schema in the real PostgreSQL. */
class AuditChainTest {
    DataSource db;

    @BeforeEach
    void fresh() {
        db = MigratedDatabase.fresh();
    }

    void record(String type, String actor, String detail) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into audit_event (event_type, outcome, actor, object_uid, detail) values (?, 'SUCCESS', ?, '1.2.3', ?)")) {
            s.setString(1, type);
            s.setString(2, actor);
            s.setString(3, detail);
            s.executeUpdate();
        }
    }

    /** As an administrator who turns the triggers off: what the chain must still reveal. */
    void tamper(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("set session_replication_role = replica");
            s.execute(sql);
            s.execute("set session_replication_role = origin");
        }
    }

    long idOf(int n) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             var r = s.executeQuery("select id from audit_event order by id offset " + (n - 1) + " limit 1")) {
            r.next();
            return r.getLong(1);
        }
    }

    void recordFive() throws SQLException {
        for (int i = 1; i <= 5; i++) {
            record("INSTANCE_STORED", "CARM", "event " + i);
        }
    }

    @Test
    void anUntouchedTrailVerifiesAndNamesItsHead() throws Exception {
        assertTrue(AuditChain.verify(db).intact(), "an empty trail");
        recordFive();
        record("LOGIN", null, null); // nulls are hashed apart from text
        AuditChain.Verification v = AuditChain.verify(db);
        assertTrue(v.intact(), v.describe());
        assertEquals(6, v.rows());
        assertEquals(idOf(6), v.headId());
        assertEquals(64, v.headHash().length());
    }

    /** The node's own role appends but may not change, remove or truncate a row, nor switch the triggers off. */
    @Test
    void theNodesRoleCannotChangeOrRemoveARow() throws Exception {
        recordFive();
        try (Connection c = DriverManager.getConnection(MigratedDatabase.url(), MigratedDatabase.NODE_ROLE, ""); Statement s = c.createStatement()) {
            s.execute("insert into audit_event (event_type, outcome, actor) values ('LOGIN', 'SUCCESS', 'vera')");
            for (String sql : List.of("update audit_event set detail = 'nothing happened'", "delete from audit_event", "truncate audit_event",
                    "alter table audit_event disable trigger audit_event_no_change", "set session_replication_role = replica",
                    "delete from flyway_schema_history")) {
                SQLException refused = assertThrows(SQLException.class, () -> s.execute(sql), sql);
                assertEquals("42501", refused.getSQLState(), sql + ": " + refused.getMessage()); // insufficient_privilege
            }
        }
        assertTrue(AuditChain.verify(db).intact());
        assertEquals(6, AuditChain.verify(db).rows());
    }

    /** Even the schema's owner meets the append-only triggers, unless it switches them off (what the chain reveals). */
    @Test
    void theOwnerMeetsTheTriggers() throws Exception {
        recordFive();
        for (String sql : List.of("update audit_event set detail = 'nothing happened'", "delete from audit_event", "truncate audit_event")) {
            SQLException refused = assertThrows(SQLException.class, () -> {
                try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                    s.execute(sql);
                }
            }, sql);
            assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        }
        assertTrue(AuditChain.verify(db).intact());
    }

    @Test
    void anEditedRowShows() throws Exception {
        recordFive();
        long third = idOf(3);
        tamper("update audit_event set actor = 'SOMEONE_ELSE' where id = " + third);
        AuditChain.Verification v = AuditChain.verify(db);
        assertFalse(v.intact());
        assertEquals(third, v.brokenAt());
        assertTrue(v.problem().contains("edited"), v.problem());
    }

    @Test
    void anEditedRowWhoseHashWasRecomputedShowsAtTheNextLink() throws Exception {
        recordFive();
        long third = idOf(3), fourth = idOf(4);
        tamper("update audit_event set actor = 'SOMEONE_ELSE' where id = " + third);
        tamper("update audit_event a set row_hash = audit_event_hash(a.previous_hash, a) where id = " + third);
        AuditChain.Verification v = AuditChain.verify(db);
        assertEquals(fourth, v.brokenAt(), v.describe());
    }

    @Test
    void aDeletedRowShows() throws Exception {
        recordFive();
        long third = idOf(3), fourth = idOf(4);
        tamper("delete from audit_event where id = " + third);
        AuditChain.Verification v = AuditChain.verify(db);
        assertEquals(fourth, v.brokenAt(), v.describe());
        assertTrue(v.problem().contains("deleted"), v.problem());

        tamper("delete from audit_event where id = " + idOf(1));
        assertEquals(idOf(1), AuditChain.verify(db).brokenAt(), "the first row gone: the new first row links to something");
    }

    @Test
    void concurrentWritersStillMakeOneChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int writer = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    record("API_CALL", "writer-" + writer, "call " + i);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        AuditChain.Verification v = AuditChain.verify(db);
        assertTrue(v.intact(), v.describe());
        assertEquals(200, v.rows());
        assertNull(v.problem());
    }

    @Test
    void theCommandSaysWhetherTheChainHolds() throws Exception {
        recordFive();
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        String[] args = {"audit-verify", "--jdbc-url", MigratedDatabase.url()};
        assertEquals(0, Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("audit trail intact: 5 rows, head row "), out.toString());

        tamper("delete from audit_event where id = " + idOf(2));
        err.reset();
        assertEquals(2, Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("audit trail BROKEN at row " + idOf(2)), err.toString());
    }
}
