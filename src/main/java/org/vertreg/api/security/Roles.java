package org.vertreg.api.security;

import java.util.Set;

/** The node's roles (the {@code node_user_roles} CHECK of {@code V6__users.sql} says the same). */
public final class Roles {
    /** Reads the worklist, jobs, patients and series. */
    public static final String VIEWER = "viewer";
    /** A viewer who also queues, retries and cancels jobs and adds or removes targets. */
    public static final String TECHNOLOGIST = "technologist";
    /** Everything, the audit trail included. */
    public static final String ADMINISTRATOR = "administrator";
    /** A viewer who also reads and verifies the audit trail. */
    public static final String AUDITOR = "auditor";

    public static final Set<String> ALL = Set.of(VIEWER, TECHNOLOGIST, ADMINISTRATOR, AUDITOR);

    private Roles() {
    }
}
