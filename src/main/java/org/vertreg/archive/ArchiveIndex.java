package org.vertreg.archive;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import javax.sql.DataSource;
import org.vertreg.dicom.InstanceHeader;
import org.vertreg.dicom.StorageSopClasses;
import org.vertreg.dicom.XrayGeometryAssessment;

/**
 * Writes an instance and its patient, study and series into PostgreSQL. It is one statement (upserts
 * chained by data-modifying CTEs), so it is atomic on its own and costs one round trip: indexing sits on
 * the C-STORE path, whose latency the sender waits for.
 */
@ApplicationScoped
public class ArchiveIndex {
    private static final String INDEX_INSTANCE = """
            with known as (
              select id, patient_name from patient where patient_id = ? and issuer = ? and unidentified_study_uid = ?),
            p as (
              insert into patient (patient_id, issuer, unidentified_study_uid, patient_name, birth_date, sex) values (?, ?, ?, ?, ?, ?)
              on conflict (patient_id, issuer, unidentified_study_uid) do update set
                patient_name = coalesce(excluded.patient_name, patient.patient_name),
                birth_date = coalesce(excluded.birth_date, patient.birth_date),
                sex = coalesce(excluded.sex, patient.sex)
              returning id),
            renamed as (
              insert into patient_name_change (patient_pk, previous_name, new_name, sop_instance_uid)
              select known.id, known.patient_name, cast(? as varchar), cast(? as varchar) from known
              where known.patient_name is not null and cast(? as varchar) is not null and known.patient_name <> cast(? as varchar)
              returning 1),
            st as (
              insert into study (patient_pk, study_instance_uid, study_date, study_time, accession_number,
                                 study_description, referring_physician)
              select p.id, ?, ?, ?, ?, ?, ? from p
              on conflict (study_instance_uid) do update set
                study_date = coalesce(study.study_date, excluded.study_date),
                study_description = coalesce(study.study_description, excluded.study_description)
              returning id),
            se as (
              insert into series (study_pk, series_instance_uid, modality, series_number, series_description,
                                  body_part_examined, frame_of_reference_uid, status, last_received_at)
              select st.id, ?, ?, ?, ?, ?, ?, ?, ? from st
              on conflict (series_instance_uid) do update set
                frame_of_reference_uid = coalesce(series.frame_of_reference_uid, excluded.frame_of_reference_uid),
                status = excluded.status, status_reason = null, last_received_at = excluded.last_received_at
              returning id),
            inserted as (
              insert into instance (series_pk, sop_instance_uid, sop_class_uid, transfer_syntax_uid, instance_number,
                rows, columns, number_of_frames, image_position_patient, image_orientation_patient, pixel_spacing,
                slice_thickness, imager_pixel_spacing, distance_source_to_detector, distance_source_to_patient,
                positioner_primary_angle, positioner_secondary_angle, acquisition_date, content_date,
                file_path, file_size, calling_ae_title, referenced_series_uid, data_set_sha256, geometry_status, geometry_issues,
                modality_conflict, received_at)
              select se.id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from se
              on conflict (sop_instance_uid) do nothing
              returning 1)
            select (select count(*) from inserted), (select count(*) from renamed)""";

    @Inject
    DataSource dataSource;
    @Inject
    Clock clock;

    /** What indexing did: whether the instance is new, and whether it changed its patient's name. */
    public record Indexed(boolean inserted, boolean patientRenamed) {
    }

    /** What the index keeps of a stored instance that tells a repeated copy from a conflicting one. */
    public record Stored(String dataSetSha256, String transferSyntaxUid) {
    }

    /**
     * Indexes a stored instance; a series that receives one goes (back) to RECEIVING if it is a CT. An instance without
     * a Patient ID is filed under a patient of its own study, never under another patient who lacks one too.
     */
    public Indexed index(InstanceHeader h, String relativePath, long fileSize, String dataSetSha256, String callingAeTitle)
            throws SQLException {
        String unidentifiedStudy = h.patientId().isBlank() ? h.studyInstanceUid() : "";
        Optional<XrayGeometryAssessment> geometry = XrayGeometryAssessment.of(h);
        OffsetDateTime now = OffsetDateTime.now(clock);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(INDEX_INSTANCE)) {
            int i = 0;
            s.setString(++i, h.patientId());
            s.setString(++i, h.issuerOfPatientId());
            s.setString(++i, unidentifiedStudy);
            s.setString(++i, h.patientId());
            s.setString(++i, h.issuerOfPatientId());
            s.setString(++i, unidentifiedStudy);
            s.setString(++i, h.patientName());
            s.setObject(++i, h.patientBirthDate(), Types.DATE);
            s.setString(++i, h.patientSex());
            s.setString(++i, h.patientName());
            s.setString(++i, h.sopInstanceUid());
            s.setString(++i, h.patientName());
            s.setString(++i, h.patientName());
            s.setString(++i, h.studyInstanceUid());
            s.setObject(++i, h.studyDate(), Types.DATE);
            s.setString(++i, h.studyTime());
            s.setString(++i, h.accessionNumber());
            s.setString(++i, h.studyDescription());
            s.setString(++i, h.referringPhysicianName());
            s.setString(++i, h.seriesInstanceUid());
            s.setString(++i, h.modality());
            s.setObject(++i, h.seriesNumber(), Types.INTEGER);
            s.setString(++i, h.seriesDescription());
            s.setString(++i, h.bodyPartExamined());
            s.setString(++i, h.frameOfReferenceUid());
            s.setString(++i, initialStatus(h).name());
            s.setObject(++i, now);
            s.setString(++i, h.sopInstanceUid());
            s.setString(++i, h.sopClassUid());
            s.setString(++i, h.transferSyntaxUid());
            s.setObject(++i, h.instanceNumber(), Types.INTEGER);
            s.setObject(++i, h.rows(), Types.INTEGER);
            s.setObject(++i, h.columns(), Types.INTEGER);
            s.setObject(++i, h.numberOfFrames(), Types.INTEGER);
            s.setString(++i, h.imagePositionPatient());
            s.setString(++i, h.imageOrientationPatient());
            s.setString(++i, h.pixelSpacing());
            s.setObject(++i, h.sliceThickness(), Types.DOUBLE);
            s.setString(++i, h.imagerPixelSpacing());
            s.setObject(++i, h.distanceSourceToDetector(), Types.DOUBLE);
            s.setObject(++i, h.distanceSourceToPatient(), Types.DOUBLE);
            s.setObject(++i, h.positionerPrimaryAngle(), Types.DOUBLE);
            s.setObject(++i, h.positionerSecondaryAngle(), Types.DOUBLE);
            s.setObject(++i, h.acquisitionDate(), Types.DATE);
            s.setObject(++i, h.contentDate(), Types.DATE);
            s.setString(++i, relativePath);
            s.setLong(++i, fileSize);
            s.setString(++i, callingAeTitle);
            s.setString(++i, h.referencedSeriesInstanceUid());
            s.setString(++i, dataSetSha256);
            s.setString(++i, geometry.map(g -> g.status().name()).orElse(null));
            s.setString(++i, geometry.map(XrayGeometryAssessment::issuesText).orElse(null));
            s.setString(++i, XrayGeometryAssessment.modalityConflict(h).orElse(null));
            s.setObject(++i, now);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new Indexed(r.getLong(1) == 1, r.getLong(2) > 0);
            }
        }
    }

    /** CT series wait for the quiet period and assembly; everything else is simply kept. */
    static SeriesStatus initialStatus(InstanceHeader h) {
        boolean ct = StorageSopClasses.CT_IMAGE.equals(h.sopClassUid()) || StorageSopClasses.ENHANCED_CT_IMAGE.equals(h.sopClassUid());
        return ct ? SeriesStatus.RECEIVING : SeriesStatus.STORED;
    }

    /** The stored instance's hash and transfer syntax, empty when it is not indexed. */
    public Optional<Stored> stored(String sopInstanceUid) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select data_set_sha256, transfer_syntax_uid from instance where sop_instance_uid = ?")) {
            s.setString(1, sopInstanceUid);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Stored(r.getString(1), r.getString(2))) : Optional.empty();
            }
        }
    }

    public boolean isIndexed(String sopInstanceUid) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select 1 from instance where sop_instance_uid = ?")) {
            s.setString(1, sopInstanceUid);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }
}
