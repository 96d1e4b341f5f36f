package org.vertreg.jobs;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a job is in its life. Defined once here; the {@code job_state} CHECK of {@code V4__jobs.sql} and the README's
 * diagram say the same (JobStateTest compares the CHECK with this enum).
 *
 * <pre>
 *   enqueue ──► AVAILABLE ──claim──► RUNNING ──► COMPLETED
 *                   │  ▲               │  │
 *            cancel │  └── retry ──────┘  ├──► FAILED     (error on the last attempt, or a lease lapsed on it)
 *                   ▼                  │  └──► CANCELLED  (cancel requested while it ran)
 *               CANCELLED          error / lease lapsed
 *                   ▲                  ▼
 *                   └──── cancel ── RETRYABLE ──claim (after backoff)──► RUNNING
 * </pre>
 * A finished job (completed, failed, cancelled) can be queued again by hand (retry), which makes it AVAILABLE.
 */
public enum JobState {
    /** Waiting for a worker, from its run-at time on. */
    AVAILABLE,
    /** Held by a worker under a lease it renews. */
    RUNNING,
    /** An attempt failed; waiting for its backoff to pass. */
    RETRYABLE,
    COMPLETED,
    /** The last attempt failed; the error is kept. */
    FAILED,
    CANCELLED;

    /** States a worker may claim from. */
    public static final Set<JobState> READY = EnumSet.of(AVAILABLE, RETRYABLE);
    /** States a job never leaves by itself. */
    public static final Set<JobState> FINISHED = EnumSet.of(COMPLETED, FAILED, CANCELLED);

    public boolean finished() {
        return FINISHED.contains(this);
    }
}
