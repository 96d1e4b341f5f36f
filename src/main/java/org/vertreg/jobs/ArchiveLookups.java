package org.vertreg.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** What the node's jobs read of the archive and the model store: one query each, read-only. */
@ApplicationScoped
public class ArchiveLookups {

    /** A stored instance, with its patient. */
    public record StoredInstance(String sopInstanceUid, String sopClassUid, String filePath, String studyInstanceUid, String seriesInstanceUid,
                                 long patientPk) {
    }

    /** A CT series as the archive assembled it. */
    public record CtSeries(String seriesInstanceUid, String studyInstanceUid, String modality, String status, String statusReason,
                           String volumePath, String labelsPath, String labelsSourceUid, String frameOfReferenceUid, long patientPk) {
    }

    /** A READY pose model of a patient's CT, newest version per series and level. */
    public record PreparedModel(long id, String seriesInstanceUid, int level, String relativePath) {
    }

    @Inject
    DataSource db;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    public Optional<StoredInstance> instance(String sopInstanceUid) throws SQLException {
        String sql = """
                select i.sop_instance_uid, i.sop_class_uid, i.file_path, st.study_instance_uid, s.series_instance_uid, st.patient_pk
                from instance i join series s on s.id = i.series_pk join study st on st.id = s.study_pk where i.sop_instance_uid = ?""";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, sopInstanceUid);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new StoredInstance(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getLong(6))) : Optional.empty();
            }
        }
    }

    public Optional<CtSeries> series(String seriesInstanceUid) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(SERIES + " where s.series_instance_uid = ?")) {
            s.setString(1, seriesInstanceUid);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(series(r)) : Optional.empty();
            }
        }
    }

    /** The patient's CT series, newest first, whatever their status. */
    public List<CtSeries> ctSeriesOf(long patientPk) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(SERIES + " where st.patient_pk = ? and s.modality = 'CT' order by s.id desc")) {
            s.setLong(1, patientPk);
            List<CtSeries> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(series(r));
                }
            }
            return out;
        }
    }

    /**
     * The patient's prepared models: the newest version of each level, on the patient's newest READY CT series that has
     * any (a CT sent again, or a later CT, supersedes the earlier one).
     */
    public List<PreparedModel> preparedModelsOf(long patientPk) throws SQLException {
        String sql = """
                with ready as (
                  select pm.id, pm.series_instance_uid, pm.vertebra_level, pm.relative_path, pm.version, s.id as series_pk
                  from pose_model pm join series s on s.series_instance_uid = pm.series_instance_uid join study st on st.id = s.study_pk
                  where st.patient_pk = ? and pm.status = 'READY' and s.status = 'READY')
                select distinct on (vertebra_level) id, series_instance_uid, vertebra_level, relative_path from ready
                where series_pk = (select max(series_pk) from ready)
                order by vertebra_level, version desc""";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, patientPk);
            List<PreparedModel> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new PreparedModel(r.getLong(1), r.getString(2), r.getInt(3), r.getString(4)));
                }
            }
            return out;
        }
    }

    /**
     * The newest preparation of a series' level, whatever its state (a model is READY in the store a moment before its job
     * is recorded completed): the level's name and point.
     */
    public Optional<PreparationRequest> preparation(String seriesInstanceUid, int level) throws SQLException {
        String sql = "select payload::text from job where kind = ? and payload->>'seriesInstanceUid' = ? and (payload->>'level')::int = ? "
                + "order by id desc limit 1";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, JobKinds.PREPARATION);
            s.setString(2, seriesInstanceUid);
            s.setInt(3, level);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(json.readValue(r.getString(1), PreparationRequest.class)) : Optional.empty();
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("a preparation of series " + seriesInstanceUid + " holds a payload that does not parse", e);
        }
    }

    /** What is under way for a patient's CTs: unfinished preparations, as "L3 (RUNNING: training L3 ...)". */
    public List<String> pendingPreparationsOf(long patientPk) throws SQLException {
        String sql = """
                select j.payload->>'levelName', j.state, coalesce(j.progress, '') from job j
                join series s on s.series_instance_uid = j.payload->>'seriesInstanceUid' join study st on st.id = s.study_pk
                where j.kind = ? and j.state in ('AVAILABLE', 'RUNNING', 'RETRYABLE') and st.patient_pk = ? order by j.id""";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, JobKinds.PREPARATION);
            s.setLong(2, patientPk);
            List<String> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1) + " (" + r.getString(2) + (r.getString(3).isEmpty() ? "" : ": " + r.getString(3)) + ")");
                }
            }
            return out;
        }
    }

    /** File of a stored instance by SOP Instance UID (a segmentation), relative to the archive. */
    public Optional<String> filePath(String sopInstanceUid) throws SQLException {
        return instance(sopInstanceUid).map(StoredInstance::filePath);
    }

    private static final String SERIES = """
            select s.series_instance_uid, st.study_instance_uid, s.modality, s.status, s.status_reason, s.volume_path, s.labels_path,
                   s.labels_source_uid, s.frame_of_reference_uid, st.patient_pk
            from series s join study st on st.id = s.study_pk""";

    private static CtSeries series(ResultSet r) throws SQLException {
        return new CtSeries(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getString(7),
                r.getString(8), r.getString(9), r.getLong(10));
    }
}
