package org.vertreg.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The job queue in PostgreSQL. Each operation is one statement (data-modifying CTEs record the transition in the same
 * statement), and every state change is conditional on the state the caller expects (and, for a running job, on its
 * lease owner): a worker whose lease was rescued cannot complete a job another worker now holds. Claims take ready rows
 * with {@code FOR UPDATE SKIP LOCKED}, so workers never wait on each other. Times come from the injected clock.
 *
 * <p>Execution is at least once (a worker killed mid-job leaves a lease that lapses, and the job runs again);
 * completion is exactly once. Handlers are therefore idempotent: a registration keeps its output UIDs in the job's
 * state data, so a second attempt sends the same objects.
 */
public final class JobQueue {
    /** Channel of {@code pg_notify}: its payload is the kind of the job that became ready. */
    public static final String CHANNEL = "vertreg_jobs";
    static final String COLUMNS = columns("");

    /** The columns {@link #job(ResultSet)} reads, each prefixed by {@code alias} (e.g. "j.") for a join. */
    static String columns(String alias) {
        return String.join(", ", java.util.Arrays.stream(new String[] {"id", "kind", "state", "priority", "attempt", "max_attempts", "run_at",
                "lease_owner", "lease_expires_at", "cancel_requested", "unique_key", "payload::text as payload", "state_data::text as state_data",
                "progress", "last_error", "created_at", "updated_at", "finished_at"}).map(c -> alias + c).toList());
    }
    private static final String TRANSITION = "insert into job_transition (job_id, from_state, to_state, attempt, worker, reason, at) ";

    private final DataSource db;
    private final Clock clock;

    public JobQueue(DataSource db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Clock clock() {
        return clock;
    }

    /** Enqueues {@code job}, or returns the id of the unfinished or completed job that already has its unique key. */
    public long enqueue(NewJob job) {
        try (Connection c = db.getConnection()) {
            return enqueue(c, job);
        } catch (SQLException e) {
            throw new JobQueueException("could not enqueue a " + job.kind() + " job", e);
        }
    }

    /** As {@link #enqueue(NewJob)}, inside the caller's transaction: the job exists if and only if the caller commits. */
    public long enqueue(Connection c, NewJob job) throws SQLException {
        Instant now = clock.instant();
        String sql = """
                with j as (
                  insert into job (kind, state, priority, max_attempts, run_at, unique_key, payload, created_at, updated_at)
                  values (?, 'AVAILABLE', ?, ?, ?, ?, cast(? as jsonb), ?, ?)
                  on conflict (kind, unique_key) where unique_key is not null and state not in ('FAILED', 'CANCELLED') do nothing
                  returning id, kind),
                t as (""" + TRANSITION + "select id, null, 'AVAILABLE', 0, null, 'enqueued', ? from j) "
                + "select id, pg_notify('" + CHANNEL + "', kind) is null from j";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, job.kind());
            s.setInt(2, job.priority());
            s.setInt(3, job.maxAttempts());
            s.setTimestamp(4, ts(job.runAt() == null ? now : job.runAt()));
            s.setString(5, job.uniqueKey());
            s.setString(6, job.payload());
            s.setTimestamp(7, ts(now));
            s.setTimestamp(8, ts(now));
            s.setTimestamp(9, ts(now));
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    return r.getLong(1);
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "select id from job where kind = ? and unique_key = ? and state not in ('FAILED', 'CANCELLED')")) {
            s.setString(1, job.kind());
            s.setString(2, job.uniqueKey());
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    return r.getLong(1);
                }
            }
        }
        throw new SQLException("job with unique key " + job.uniqueKey() + " neither inserted nor found");
    }

    /**
     * Claims up to {@code limit} ready jobs of {@code kinds} for {@code worker}, most urgent first, each under a lease of
     * {@code lease}; each claim counts as an attempt.
     */
    public List<Job> claim(List<String> kinds, String worker, int limit, Duration lease) {
        Instant now = clock.instant();
        String sql = """
                with picked as (
                  select id, state from job
                  where state in ('AVAILABLE', 'RETRYABLE') and kind = any(?) and run_at <= ?
                  order by priority desc, run_at, id limit ? for update skip locked),
                claimed as (
                  update job j set state = 'RUNNING', attempt = j.attempt + 1, lease_owner = ?, lease_expires_at = ?, heartbeat_at = ?,
                    updated_at = ?
                  from picked where j.id = picked.id
                  returning j.*, picked.state as from_state),
                t as (""" + TRANSITION + "select id, from_state, 'RUNNING', attempt, ?, null, ? from claimed) "
                + "select " + COLUMNS + " from claimed order by priority desc, run_at, id";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("varchar", kinds.toArray()));
            s.setTimestamp(2, ts(now));
            s.setInt(3, limit);
            s.setString(4, worker);
            s.setTimestamp(5, ts(now.plus(lease)));
            s.setTimestamp(6, ts(now));
            s.setTimestamp(7, ts(now));
            s.setString(8, worker);
            s.setTimestamp(9, ts(now));
            List<Job> jobs = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    jobs.add(job(r));
                }
            }
            return jobs;
        } catch (SQLException e) {
            throw new JobQueueException("could not claim jobs for " + worker, e);
        }
    }

    /** What a heartbeat learns: whether the worker still holds the job, and whether someone asked it to stop. */
    public record Heartbeat(boolean held, boolean cancelRequested) {
    }

    /** Renews {@code worker}'s lease on a running job. */
    public Heartbeat heartbeat(long id, String worker, Duration lease) {
        Instant now = clock.instant();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "update job set lease_expires_at = ?, heartbeat_at = ? where id = ? and state = 'RUNNING' and lease_owner = ? "
                        + "returning cancel_requested")) {
            s.setTimestamp(1, ts(now.plus(lease)));
            s.setTimestamp(2, ts(now));
            s.setLong(3, id);
            s.setString(4, worker);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new Heartbeat(true, r.getBoolean(1)) : new Heartbeat(false, false);
            }
        } catch (SQLException e) {
            throw new JobQueueException("could not renew the lease of job " + id, e);
        }
    }

    /** Records a running job's progress (a short line for people: "epoch 2 of 5", "waiting for a model of L3"). */
    public boolean progress(long id, String worker, String progress) {
        return update(id, worker, "update job set progress = ?, updated_at = ? where id = ? and state = 'RUNNING' and lease_owner = ?",
                s -> {
                    s.setString(1, truncate(progress, 200));
                    return 1;
                });
    }

    /** Merges {@code json} into the running job's state data, which later attempts see. */
    public boolean keep(long id, String worker, String json) {
        return update(id, worker,
                "update job set state_data = state_data || cast(? as jsonb), updated_at = ? where id = ? and state = 'RUNNING' and lease_owner = ?",
                s -> {
                    s.setString(1, json);
                    return 1;
                });
    }

    /** Completes a job {@code worker} holds, merging {@code json} (its result) into the state data. False if it no longer holds it. */
    public boolean complete(long id, String worker, String json) {
        return completeAll(List.of(new Completion(id, worker, json))).contains(id);
    }

    /** A completion to record: the job, the worker that holds it, and its result (a JSON object). */
    public record Completion(long id, String worker, String json) {
    }

    /**
     * Completes many jobs in one statement (see {@link BatchCompleter}), each only if its worker still holds it.
     * Returns the ids completed.
     */
    public java.util.Set<Long> completeAll(List<Completion> completions) {
        Instant now = clock.instant();
        String sql = """
                with c as (select * from unnest(?, ?, ?) as c(id, worker, json)),
                f as (
                  update job j set state = 'COMPLETED', state_data = j.state_data || cast(c.json as jsonb), progress = null, lease_owner = null,
                    lease_expires_at = null, cancel_requested = false, updated_at = ?, finished_at = ?
                  from c where j.id = c.id and j.state = 'RUNNING' and j.lease_owner = c.worker
                  returning j.id, j.attempt, c.worker),
                t as (""" + TRANSITION + "select id, 'RUNNING', 'COMPLETED', attempt, worker, null, ? from f) select id from f";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("bigint", completions.stream().map(Completion::id).toArray()));
            s.setArray(2, c.createArrayOf("varchar", completions.stream().map(Completion::worker).toArray()));
            s.setArray(3, c.createArrayOf("text", completions.stream().map(Completion::json).toArray()));
            s.setTimestamp(4, ts(now));
            s.setTimestamp(5, ts(now));
            s.setTimestamp(6, ts(now));
            java.util.Set<Long> done = new java.util.HashSet<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    done.add(r.getLong(1));
                }
            }
            return done;
        } catch (SQLException e) {
            throw new JobQueueException("could not complete " + completions.size() + " job(s)", e);
        }
    }

    /**
     * Ends an attempt that failed: retryable after {@code policy}'s delay when attempts remain and the failure is not
     * permanent, else failed. False if {@code worker} no longer holds the job.
     */
    public boolean fail(Job job, String worker, String error, boolean permanent, RetryPolicy policy) {
        boolean last = permanent || job.attempt() >= job.maxAttempts();
        Instant next = clock.instant().plus(last ? Duration.ZERO : policy.delayAfter(job.attempt()));
        String reason = truncate(error, 10_000);
        return finish(job.id(), worker, last ? "'FAILED'" : "'RETRYABLE'", "last_error = ?, run_at = ?", s -> {
            s.setString(1, reason);
            s.setTimestamp(2, ts(next));
            return 2;
        }, reason);
    }

    /**
     * Puts a running job back to wait until {@code until} without counting the attempt: its input is not ready yet
     * (an X-ray whose patient's model is still training).
     */
    public boolean snooze(long id, String worker, Instant until, String reason) {
        return finish(id, worker, "'AVAILABLE'", "attempt = attempt - 1, run_at = ?, progress = ?", s -> {
            s.setTimestamp(1, ts(until));
            s.setString(2, truncate(reason, 200));
            return 2;
        }, reason);
    }

    /** Ends a running job whose cancellation was requested. */
    public boolean cancelled(long id, String worker) {
        return finish(id, worker, "'CANCELLED'", "progress = null", s -> 0, "cancelled while running");
    }

    /**
     * Cancels a job: a ready one at once (it never runs), a running one at its worker's next heartbeat. Returns the job as
     * it is afterwards, empty when there is no such job.
     */
    public Optional<Job> cancel(long id, String by) {
        Instant now = clock.instant();
        String sql = """
                with old as (select id, state from job where id = ? and state in ('AVAILABLE', 'RETRYABLE') for update),
                ready as (
                  update job j set state = 'CANCELLED', finished_at = ?, updated_at = ?
                  from old where j.id = old.id returning j.id, j.attempt, old.state as from_state),
                running as (
                  update job set cancel_requested = true, updated_at = ? where id = ? and state = 'RUNNING' returning id),
                t as (""" + TRANSITION + "select id, from_state, 'CANCELLED', attempt, ?, 'cancelled', ? from ready) "
                + "select (select count(*) from ready) + (select count(*) from running)";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            s.setTimestamp(2, ts(now));
            s.setTimestamp(3, ts(now));
            s.setTimestamp(4, ts(now));
            s.setLong(5, id);
            s.setString(6, by);
            s.setTimestamp(7, ts(now));
            s.executeQuery().close();
        } catch (SQLException e) {
            throw new JobQueueException("could not cancel job " + id, e);
        }
        return find(id);
    }

    /** Queues a finished job again (by hand): available now, its attempts counted afresh. False unless it was finished. */
    public boolean retry(long id, String by) {
        Instant now = clock.instant();
        String sql = """
                with old as (select id, state from job where id = ? and state in ('COMPLETED', 'FAILED', 'CANCELLED') for update),
                r as (
                  update job j set state = 'AVAILABLE', attempt = 0, run_at = ?, cancel_requested = false, finished_at = null, updated_at = ?
                  from old where j.id = old.id returning j.id, j.kind, old.state as from_state),
                t as (""" + TRANSITION + "select id, from_state, 'AVAILABLE', 0, ?, 'retried', ? from r) "
                + "select id, pg_notify('" + CHANNEL + "', kind) is null from r";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            s.setTimestamp(2, ts(now));
            s.setTimestamp(3, ts(now));
            s.setString(4, by);
            s.setTimestamp(5, ts(now));
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw new JobQueueException("could not retry job " + id, e);
        }
    }

    /**
     * Makes the waiting jobs of {@code kind} (put back by {@link #snooze} until a later time) ready now: what they waited
     * for may have come (a model was prepared). Returns how many.
     */
    public int wakeWaiting(String kind) {
        Instant now = clock.instant();
        String sql = "with w as (update job set run_at = ?, updated_at = ? where kind = ? and state = 'AVAILABLE' and run_at > ? returning kind) "
                + "select pg_notify('" + CHANNEL + "', kind) is null from w";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, ts(now));
            s.setTimestamp(2, ts(now));
            s.setString(3, kind);
            s.setTimestamp(4, ts(now));
            return rowsOf(s);
        } catch (SQLException e) {
            throw new JobQueueException("could not wake the waiting " + kind + " jobs", e);
        }
    }

    /**
     * Rescues running jobs whose lease lapsed (their worker died or lost the database): retryable now, or failed when
     * that was their last attempt. Returns how many.
     */
    public int rescueExpired(String by) {
        Instant now = clock.instant();
        String sql = """
                with lapsed as (
                  select id, lease_owner from job where state = 'RUNNING' and lease_expires_at < ? for update skip locked),
                r as (
                  update job j set state = case when j.attempt >= j.max_attempts then 'FAILED' else 'RETRYABLE' end,
                    last_error = 'the lease of ' || lapsed.lease_owner || ' lapsed', run_at = ?, lease_owner = null, lease_expires_at = null,
                    updated_at = ?, finished_at = case when j.attempt >= j.max_attempts then cast(? as timestamptz) end
                  from lapsed where j.id = lapsed.id returning j.id, j.state, j.attempt, j.last_error, j.kind),
                t as (""" + TRANSITION + "select id, 'RUNNING', state, attempt, ?, last_error, ? from r) "
                + "select id, pg_notify('" + CHANNEL + "', kind) is null from r";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 1; i <= 4; i++) {
                s.setTimestamp(i, ts(now));
            }
            s.setString(5, by);
            s.setTimestamp(6, ts(now));
            return rowsOf(s);
        } catch (SQLException e) {
            throw new JobQueueException("could not rescue lapsed leases", e);
        }
    }

    public Optional<Job> find(long id) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from job where id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(job(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new JobQueueException("could not read job " + id, e);
        }
    }

    /** Every transition of job {@code id}, oldest first. */
    public List<JobTransition> transitions(long id) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select job_id, from_state, to_state, attempt, worker, reason, at from job_transition where job_id = ? order by id")) {
            s.setLong(1, id);
            List<JobTransition> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String from = r.getString(2);
                    out.add(new JobTransition(r.getLong(1), from == null ? null : JobState.valueOf(from), JobState.valueOf(r.getString(3)),
                            r.getInt(4), r.getString(5), r.getString(6), r.getTimestamp(7).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new JobQueueException("could not read the transitions of job " + id, e);
        }
    }

    /** Binds the statement's first parameters and says how many. */
    private interface Binder {
        int bind(PreparedStatement s) throws SQLException;
    }

    /** A conditional update of a job {@code worker} holds; the binder sets the first parameters, then updated_at, id, worker. */
    private boolean update(long id, String worker, String sql, Binder binder) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int n = binder.bind(s);
            s.setTimestamp(n + 1, ts(clock.instant()));
            s.setLong(n + 2, id);
            s.setString(n + 3, worker);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new JobQueueException("could not update job " + id, e);
        }
    }

    /** Moves a job {@code worker} holds out of RUNNING to {@code toState}, setting {@code set} too, and records the transition. */
    private boolean finish(long id, String worker, String toState, String set, Binder binder, String reason) {
        Instant now = clock.instant();
        boolean finished = JobState.valueOf(toState.replace("'", "")).finished();
        String sql = "with f as (update job set state = " + toState + ", " + set + ", lease_owner = null, lease_expires_at = null, "
                + "cancel_requested = false, updated_at = ?, finished_at = ? where id = ? and state = 'RUNNING' and lease_owner = ? "
                + "returning id, attempt, kind), "
                + "t as (" + TRANSITION + "select id, 'RUNNING', " + toState + ", attempt, ?, ?, ? from f) "
                // a job back in the queue wakes the workers, as a new one does
                + "select id, " + (finished ? "true" : "pg_notify('" + CHANNEL + "', kind) is null") + " from f";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int n = binder.bind(s);
            s.setTimestamp(n + 1, ts(now));
            if (finished) {
                s.setTimestamp(n + 2, ts(now));
            } else {
                s.setNull(n + 2, Types.TIMESTAMP_WITH_TIMEZONE);
            }
            s.setLong(n + 3, id);
            s.setString(n + 4, worker);
            s.setString(n + 5, worker);
            if (reason == null) {
                s.setNull(n + 6, Types.VARCHAR);
            } else {
                s.setString(n + 6, reason);
            }
            s.setTimestamp(n + 7, ts(now));
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw new JobQueueException("could not end the attempt of job " + id, e);
        }
    }

    /** Runs {@code s} and counts the rows it returns (one per job a statement changed and notified). */
    private static int rowsOf(PreparedStatement s) throws SQLException {
        int n = 0;
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                n++;
            }
        }
        return n;
    }

    static Job job(ResultSet r) throws SQLException {
        return new Job(r.getLong("id"), r.getString("kind"), JobState.valueOf(r.getString("state")), r.getInt("priority"), r.getInt("attempt"),
                r.getInt("max_attempts"), instant(r, "run_at"), r.getString("lease_owner"), instant(r, "lease_expires_at"),
                r.getBoolean("cancel_requested"), r.getString("unique_key"), r.getString("payload"), r.getString("state_data"),
                r.getString("progress"), r.getString("last_error"), instant(r, "created_at"), instant(r, "updated_at"),
                instant(r, "finished_at"));
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Timestamp ts(Instant t) {
        return Timestamp.from(t);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
