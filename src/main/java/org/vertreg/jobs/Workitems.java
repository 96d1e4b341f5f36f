package org.vertreg.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Preparations and registrations as workitems: each job with the workitem UID it was given when queued ({@code
 * job.workitem_uid}) and whom and what it concerns. Found by UID, or searched by patient and state a page at a time, all
 * in SQL, so a workitem is found however old. The DICOM form of a workitem is the API's business.
 */
public final class Workitems {
    /** The kinds of job that are workitems: those a workflow manager follows. */
    public static final List<String> KINDS = List.of(JobKinds.REGISTRATION, JobKinds.PREPARATION);

    /**
     * Whom and what a job concerns: the patient, and the X-ray (a registration) or the CT series (a preparation); each
     * null while the archive does not know it (an instance removed since).
     */
    public record Subject(String patientId, String patientName, String studyUid, String seriesUid, String sopInstanceUid, String sopClassUid) {
    }

    public record Workitem(String uid, Job job, Subject subject) {
    }

    // A registration names its X-ray, a preparation its CT series: two joins, each served by a unique index.
    private static final String FROM = " from job j"
            + " left join instance i on i.sop_instance_uid = j.payload->>'sopInstanceUid'"
            + " left join series xs on xs.id = i.series_pk"
            + " left join series cs on cs.series_instance_uid = j.payload->>'seriesInstanceUid'"
            + " left join study st on st.id = coalesce(xs.study_pk, cs.study_pk)"
            + " left join patient p on p.id = st.patient_pk";
    private static final String SELECT = "select " + JobQueue.columns("j.") + ", j.workitem_uid, p.patient_id, p.patient_name,"
            + " st.study_instance_uid, coalesce(xs.series_instance_uid, cs.series_instance_uid) as series_uid, i.sop_instance_uid, i.sop_class_uid";

    private final DataSource db;

    public Workitems(DataSource db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    public Optional<Workitem> find(String uid) {
        List<Workitem> found = query(SELECT + FROM + " where j.workitem_uid = ? and j.kind = any(?)", s -> {
            s.setString(1, uid);
            s.setArray(2, s.getConnection().createArrayOf("text", KINDS.toArray()));
        });
        return found.stream().findFirst();
    }

    /**
     * Workitems newest first (by job id), from {@code offset} on, at most {@code limit}.
     *
     * @param patientId a Patient ID, or null for every patient
     * @param states    the job states wanted, or null for every state
     */
    public List<Workitem> search(String patientId, Set<JobState> states, int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1, got " + offset + " and " + limit);
        }
        String sql = SELECT + FROM + " where j.kind = any(?)" + (patientId == null ? "" : " and p.patient_id = ?")
                + (states == null ? "" : " and j.state = any(?)") + " order by j.id desc offset ? limit ?";
        return query(sql, s -> {
            int n = 1;
            s.setArray(n++, s.getConnection().createArrayOf("text", KINDS.toArray()));
            if (patientId != null) {
                s.setString(n++, patientId);
            }
            if (states != null) {
                s.setArray(n++, s.getConnection().createArrayOf("text", states.stream().map(Enum::name).toArray()));
            }
            s.setInt(n++, offset);
            s.setInt(n, limit);
        });
    }

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private List<Workitem> query(String sql, Binder binder) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            List<Workitem> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Subject subject = new Subject(r.getString("patient_id"), r.getString("patient_name"), r.getString("study_instance_uid"),
                                    r.getString("series_uid"), r.getString("sop_instance_uid"), r.getString("sop_class_uid"));
                    out.add(new Workitem(r.getString("workitem_uid"), JobQueue.job(r), subject));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new JobQueueException("could not read the workitems", e);
        }
    }
}
