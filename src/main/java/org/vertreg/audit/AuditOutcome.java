package org.vertreg.audit;

/** Kept in agreement with the CHECK constraint {@code audit_outcome} in db/migration. */
public enum AuditOutcome {
    SUCCESS, REFUSED, FAILURE
}
