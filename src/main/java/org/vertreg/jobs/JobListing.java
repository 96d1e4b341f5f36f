package org.vertreg.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Reads the queue for people: jobs newest first, filtered by state, kind, the UIDs their payload names, patient, level
 * and time queued, a page at a time; and how many jobs are in each state. Read-only; the queue's own statements live in {@link JobQueue}.
 *
 * <p>State and kind filters follow {@code job_created}, newest first. A UID filter is a JSON containment test on the
 * payload ({@code payload @> {"seriesInstanceUid": ...}}), exact, which scans: 18 ms among 20 000 jobs, enough for the
 * thousands a node holds. It is the form a GIN index {@code (payload jsonb_path_ops)} serves (0.06 ms among the same),
 * should the queue ever keep far more.
 */
public final class JobListing {
    /**
     * Which jobs: each non-null field narrows the choice.
     *
     * @param seriesInstanceUid the series a job is about (a preparation's CT series)
     * @param sopInstanceUid    the instance a job is about (a registration's X-ray, or one of the instances a send sends)
     * @param uniqueKey         the job's unique key (a preparation's "series/level")
     * @param patientId         the patient a job is about (by the X-ray, CT series or sent instances it names), any issuer
     * @param levelName         the vertebra: a preparation's level, a registration's registered level ("L3")
     * @param createdFrom       queued at or after
     * @param createdBefore     queued before
     */
    public record Filter(JobState state, String kind, String seriesInstanceUid, String sopInstanceUid, String uniqueKey, String patientId,
                         String levelName, Instant createdFrom, Instant createdBefore) {
        public static final Filter ALL = new Filter(null, null, null, null, null, null, null, null, null);

        public Filter withState(JobState s) {
            return new Filter(s, kind, seriesInstanceUid, sopInstanceUid, uniqueKey, patientId, levelName, createdFrom, createdBefore);
        }

        public Filter withKind(String k) {
            return new Filter(state, k, seriesInstanceUid, sopInstanceUid, uniqueKey, patientId, levelName, createdFrom, createdBefore);
        }

        public Filter withSeries(String uid) {
            return new Filter(state, kind, uid, sopInstanceUid, uniqueKey, patientId, levelName, createdFrom, createdBefore);
        }

        public Filter withSopInstance(String uid) {
            return new Filter(state, kind, seriesInstanceUid, uid, uniqueKey, patientId, levelName, createdFrom, createdBefore);
        }

        public Filter withUniqueKey(String key) {
            return new Filter(state, kind, seriesInstanceUid, sopInstanceUid, key, patientId, levelName, createdFrom, createdBefore);
        }

        public Filter withPatient(String id) {
            return new Filter(state, kind, seriesInstanceUid, sopInstanceUid, uniqueKey, id, levelName, createdFrom, createdBefore);
        }

        public Filter withLevel(String name) {
            return new Filter(state, kind, seriesInstanceUid, sopInstanceUid, uniqueKey, patientId, name, createdFrom, createdBefore);
        }

        /** Queued in [from, before); either may be null (open). */
        public Filter createdBetween(Instant from, Instant before) {
            return new Filter(state, kind, seriesInstanceUid, sopInstanceUid, uniqueKey, patientId, levelName, from, before);
        }
    }

    private final DataSource db;

    public JobListing(DataSource db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** The jobs {@code filter} chooses, newest first (created_at, then id, descending), from {@code offset} on, at most {@code limit}. */
    public List<Job> list(Filter filter, int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1, got " + offset + " and " + limit);
        }
        Where where = where(filter);
        String sql = "select " + JobQueue.COLUMNS + " from job" + where.sql + " order by created_at desc, id desc offset ? limit ?";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int n = where.bind(s);
            s.setInt(n + 1, offset);
            s.setInt(n + 2, limit);
            return read(s);
        } catch (SQLException e) {
            throw new JobQueueException("could not list jobs", e);
        }
    }

    /** How many jobs {@code filter} chooses, in each state (every state present, most of them 0 as a rule). */
    public Map<JobState, Long> countByState(Filter filter) {
        Where where = where(filter);
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        for (JobState s : JobState.values()) {
            counts.put(s, 0L);
        }
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select state, count(*) from job" + where.sql + " group by state")) {
            where.bind(s);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.put(JobState.valueOf(r.getString(1)), r.getLong(2));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new JobQueueException("could not count jobs", e);
        }
    }

    /** The registrations of a patient's X-rays, newest first: the patient's registration history. */
    public List<Job> registrationsOfPatient(String patientId, String issuer, int offset, int limit) {
        return jobs("select " + JobQueue.columns("j.") + " from job j join instance i on i.sop_instance_uid = j.payload->>'sopInstanceUid' "
                + "join series s on s.id = i.series_pk join study st on st.id = s.study_pk join patient p on p.id = st.patient_pk "
                + "where j.kind = '" + JobKinds.REGISTRATION + "' and p.patient_id = ? and p.issuer = ? "
                + "order by j.created_at desc, j.id desc offset ? limit ?", patientId, issuer, offset, limit);
    }

    /** The sends of a registration's outputs, oldest first: where they went, or go. */
    public List<Job> sendsOf(long registrationJobId) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("select " + JobQueue.COLUMNS + " from job where kind = '"
                + JobKinds.SEND + "' and payload @> jsonb_build_object('registrationJobId', cast(? as bigint)) order by id")) {
            s.setLong(1, registrationJobId);
            return read(s);
        } catch (SQLException e) {
            throw new JobQueueException("could not read the sends of job " + registrationJobId, e);
        }
    }

    /** The registrations made against a CT series (those that completed name it), newest first. */
    public List<Job> registrationsOfCtSeries(String seriesInstanceUid, int offset, int limit) {
        return jobs("select " + JobQueue.COLUMNS + " from job where kind = '" + JobKinds.REGISTRATION + "' "
                + "and state_data->>'ctSeriesInstanceUid' = ? order by created_at desc, id desc offset ? limit ?", seriesInstanceUid, null, offset,
                limit);
    }

    private List<Job> jobs(String sql, String first, String second, int offset, int limit) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setString(i++, first);
            if (second != null) {
                s.setString(i++, second);
            }
            s.setInt(i++, offset);
            s.setInt(i, limit);
            return read(s);
        } catch (SQLException e) {
            throw new JobQueueException("could not read the registrations", e);
        }
    }

    /**
     * A job changed by a transition, with the transition's change number (numbers are visible in the order they were
     * drawn, see {@code V10__job_change_order.sql}): in the state that transition left it, its other fields as they are now.
     */
    public record Change(long changeNo, Job job) {
    }

    /**
     * The jobs changed after change {@code afterChange}, oldest change first, at most {@code limit}: what a live worklist
     * has not shown yet. Counted by change, not by time, so a clock that stands still loses nothing; and a change whose
     * transaction commits late is not passed over, since no later number is visible before it.
     */
    public List<Change> changesAfter(long afterChange, int limit) {
        String sql = "select t.change_no, t.to_state, " + JobQueue.columns("j.")
                + " from job_transition t join job j on j.id = t.job_id where t.change_no > ? order by t.change_no limit ?";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, afterChange);
            s.setInt(2, limit);
            List<Change> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Change(r.getLong("change_no"), JobQueue.job(r).withState(JobState.valueOf(r.getString("to_state")))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new JobQueueException("could not read the job changes", e);
        }
    }

    /** The number of the last change so far (0 when there is none): where a new live view starts. */
    public long lastChange() {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("select coalesce(max(change_no), 0) from job_transition");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new JobQueueException("could not read the job changes", e);
        }
    }

    /** The jobs a bound statement selects ({@link JobQueue#COLUMNS}), in its order. */
    private static List<Job> read(PreparedStatement s) throws SQLException {
        List<Job> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(JobQueue.job(r));
            }
        }
        return out;
    }

    /** A WHERE clause and its parameters, in order. */
    private record Where(String sql, List<String> params) {
        int bind(PreparedStatement s) throws SQLException {
            for (int i = 0; i < params.size(); i++) {
                s.setString(i + 1, params.get(i));
            }
            return params.size();
        }
    }

    private static Where where(Filter f) {
        List<String> conditions = new ArrayList<>();
        List<String> params = new ArrayList<>();
        if (f.state() != null) {
            conditions.add("state = ?");
            params.add(f.state().name());
        }
        if (f.kind() != null) {
            conditions.add("kind = ?");
            params.add(f.kind());
        }
        if (f.uniqueKey() != null) {
            conditions.add("unique_key = ?");
            params.add(f.uniqueKey());
        }
        if (f.seriesInstanceUid() != null) {
            conditions.add("payload @> jsonb_build_object('seriesInstanceUid', cast(? as text))");
            params.add(f.seriesInstanceUid());
        }
        if (f.sopInstanceUid() != null) {
            // a registration names one X-ray; a send, the instances it sends
            conditions.add("(payload @> jsonb_build_object('sopInstanceUid', cast(? as text)) "
                    + "or payload @> jsonb_build_object('sopInstanceUids', jsonb_build_array(cast(? as text))))");
            params.add(f.sopInstanceUid());
            params.add(f.sopInstanceUid());
        }
        if (f.patientId() != null) {
            // the patient's X-rays, CT series and instances (what a send sends), each found once by its index
            String patient = " join study st on st.id = s.study_pk join patient p on p.id = st.patient_pk where p.patient_id = ?";
            conditions.add("(payload->>'sopInstanceUid' in (select i.sop_instance_uid from instance i join series s on s.id = i.series_pk"
                    + patient + ") or payload->>'seriesInstanceUid' in (select s.series_instance_uid from series s" + patient + ")"
                    + " or jsonb_exists_any(payload->'sopInstanceUids', array(select i.sop_instance_uid from instance i"
                    + " join series s on s.id = i.series_pk" + patient + ")))");
            params.add(f.patientId());
            params.add(f.patientId());
            params.add(f.patientId());
        }
        if (f.levelName() != null) {
            conditions.add("coalesce(state_data->>'level', payload->>'levelName') = ?");
            params.add(f.levelName());
        }
        if (f.createdFrom() != null) {
            conditions.add("created_at >= cast(? as timestamptz)");
            params.add(f.createdFrom().toString());
        }
        if (f.createdBefore() != null) {
            conditions.add("created_at < cast(? as timestamptz)");
            params.add(f.createdBefore().toString());
        }
        return new Where(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), params);
    }

}
