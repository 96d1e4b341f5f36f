package org.vertreg.archive;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import org.vertreg.dicom.InstanceHeader;
import org.vertreg.dicom.StorageSopClasses;

/**
 * Writes an instance and its patient, study and series into PostgreSQL in one transaction. Upserts
 * keep concurrent associations that share a patient, study or series from colliding.
 */
@ApplicationScoped
public class ArchiveIndex {

    @Inject
    EntityManager em;

    /**
     * Indexes a stored instance.
     *
     * @return false when the SOP instance was already indexed (nothing changed)
     */
    @Transactional
    public boolean index(InstanceHeader h, String relativePath, long fileSize, String callingAeTitle) {
        long patientPk = ((Number) em.createNativeQuery("""
                insert into patient (patient_id, issuer, patient_name, birth_date, sex) values (?1, ?2, ?3, ?4, ?5)
                on conflict (patient_id, issuer) do update set
                  patient_name = coalesce(excluded.patient_name, patient.patient_name),
                  birth_date = coalesce(excluded.birth_date, patient.birth_date),
                  sex = coalesce(excluded.sex, patient.sex)
                returning id""")
                .setParameter(1, h.patientId()).setParameter(2, h.issuerOfPatientId()).setParameter(3, h.patientName())
                .setParameter(4, h.patientBirthDate()).setParameter(5, h.patientSex()).getSingleResult()).longValue();
        long studyPk = ((Number) em.createNativeQuery("""
                insert into study (patient_pk, study_instance_uid, study_date, study_time, accession_number,
                                   study_description, referring_physician) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                on conflict (study_instance_uid) do update set
                  study_date = coalesce(study.study_date, excluded.study_date),
                  study_description = coalesce(study.study_description, excluded.study_description)
                returning id""")
                .setParameter(1, patientPk).setParameter(2, h.studyInstanceUid()).setParameter(3, h.studyDate())
                .setParameter(4, h.studyTime()).setParameter(5, h.accessionNumber()).setParameter(6, h.studyDescription())
                .setParameter(7, h.referringPhysicianName()).getSingleResult()).longValue();
        long seriesPk = ((Number) em.createNativeQuery("""
                insert into series (study_pk, series_instance_uid, modality, series_number, series_description,
                                    body_part_examined, frame_of_reference_uid, status) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                on conflict (series_instance_uid) do update set
                  frame_of_reference_uid = coalesce(series.frame_of_reference_uid, excluded.frame_of_reference_uid)
                returning id""")
                .setParameter(1, studyPk).setParameter(2, h.seriesInstanceUid()).setParameter(3, h.modality())
                .setParameter(4, h.seriesNumber()).setParameter(5, h.seriesDescription()).setParameter(6, h.bodyPartExamined())
                .setParameter(7, h.frameOfReferenceUid()).setParameter(8, initialStatus(h).name()).getSingleResult()).longValue();
        List<?> inserted = em.createNativeQuery("""
                insert into instance (series_pk, sop_instance_uid, sop_class_uid, transfer_syntax_uid, instance_number,
                  rows, columns, number_of_frames, image_position_patient, image_orientation_patient, pixel_spacing,
                  slice_thickness, imager_pixel_spacing, distance_source_to_detector, distance_source_to_patient,
                  positioner_primary_angle, positioner_secondary_angle, acquisition_date, content_date,
                  file_path, file_size, calling_ae_title, referenced_series_uid)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)
                on conflict (sop_instance_uid) do nothing
                returning id""")
                .setParameter(1, seriesPk).setParameter(2, h.sopInstanceUid()).setParameter(3, h.sopClassUid())
                .setParameter(4, h.transferSyntaxUid()).setParameter(5, h.instanceNumber()).setParameter(6, h.rows())
                .setParameter(7, h.columns()).setParameter(8, h.numberOfFrames()).setParameter(9, h.imagePositionPatient())
                .setParameter(10, h.imageOrientationPatient()).setParameter(11, h.pixelSpacing())
                .setParameter(12, h.sliceThickness()).setParameter(13, h.imagerPixelSpacing())
                .setParameter(14, h.distanceSourceToDetector()).setParameter(15, h.distanceSourceToPatient())
                .setParameter(16, h.positionerPrimaryAngle()).setParameter(17, h.positionerSecondaryAngle())
                .setParameter(18, h.acquisitionDate()).setParameter(19, h.contentDate()).setParameter(20, relativePath)
                .setParameter(21, fileSize).setParameter(22, callingAeTitle).setParameter(23, h.referencedSeriesInstanceUid()).getResultList();
        if (inserted.isEmpty()) {
            return false;
        }
        em.createNativeQuery("""
                update series set instance_count = instance_count + 1, last_received_at = now(),
                  status = ?2, status_reason = null where id = ?1""")
                .setParameter(1, seriesPk).setParameter(2, initialStatus(h).name()).executeUpdate();
        return true;
    }

    /** CT series wait for the quiet period and assembly; everything else is simply kept. */
    static SeriesStatus initialStatus(InstanceHeader h) {
        boolean ct = StorageSopClasses.CT_IMAGE.equals(h.sopClassUid()) || StorageSopClasses.ENHANCED_CT_IMAGE.equals(h.sopClassUid());
        return ct ? SeriesStatus.RECEIVING : SeriesStatus.STORED;
    }

    @Transactional
    public boolean isIndexed(String sopInstanceUid) {
        return InstanceRecord.exists(sopInstanceUid);
    }
}
