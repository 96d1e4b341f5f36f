package org.vertreg.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Walks the audit trail's hash chain ({@code V5__audit_chain.sql}) in id order: each row's hash is recomputed from its
 * fields and its predecessor's hash, and each row's link to its predecessor is compared with that predecessor's hash. An
 * edited row no longer matches its own hash; a deleted row breaks the link of the row after it. The head (the last row's
 * hash) is what an auditor writes down to notice a truncated tail later.
 */
public final class AuditChain {

    /**
     * @param rows        rows walked
     * @param brokenAt    the first row whose hash or link does not hold, or null when the chain is intact
     * @param problem     what is wrong there, or null
     * @param headId      the last row's id (0 for an empty trail)
     * @param headHash    the last row's hash (null for an empty trail)
     */
    public record Verification(long rows, Long brokenAt, String problem, long headId, String headHash) {
        public boolean intact() {
            return brokenAt == null;
        }

        public String describe() {
            return intact() ? "audit trail intact: " + rows + " rows, head row " + headId + " hash " + headHash
                    : "audit trail BROKEN at row " + brokenAt + ": " + problem + " (" + rows + " rows walked)";
        }
    }

    private AuditChain() {
    }

    public static Verification verify(DataSource db) throws SQLException {
        Objects.requireNonNull(db, "db");
        String sql = """
                select id, row_hash, previous_hash, audit_event_hash(previous_hash, a) as recomputed,
                       lag(row_hash) over (order by id) as predecessor, lag(id) over (order by id) as predecessor_id
                from audit_event a order by id""";
        try (Connection c = db.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false); // a cursor, not a million rows in memory
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setFetchSize(10_000);
                long rows = 0, headId = 0;
                String headHash = null;
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        rows++;
                        long id = r.getLong(1);
                        String hash = r.getString(2), previous = r.getString(3), recomputed = r.getString(4), predecessor = r.getString(5);
                        if (!recomputed.equals(hash)) {
                            return new Verification(rows, id, "its fields no longer give its hash: the row was edited", headId, headHash);
                        }
                        if (!Objects.equals(previous, predecessor)) {
                            String before = r.getObject(6) == null ? "the start of the trail" : "row " + r.getLong(6);
                            return new Verification(rows, id, "its link does not match " + before
                                    + ": a row between them was deleted, or the earlier row was edited with its hash", headId, headHash);
                        }
                        headId = id;
                        headHash = hash;
                    }
                }
                return new Verification(rows, null, null, headId, headHash);
            } finally {
                c.rollback();
                c.setAutoCommit(auto);
            }
        }
    }
}
