package org.vertreg.api;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.vertreg.archive.InstanceRecord;
import org.vertreg.archive.PatientNameChange;
import org.vertreg.archive.PatientRecord;
import org.vertreg.archive.SeriesRecord;
import org.vertreg.archive.StudyRecord;
import org.vertreg.audit.AuditEvent;

/** The JSON shapes of the read-only API: what a worklist or an auditor needs, without database keys leaking meaning. */
final class ApiViews {
    private ApiViews() {
    }

    /**
     * A patient; {@code identified} is false for one whose instances carried no Patient ID: such a record holds one
     * study only and is never merged with another, and nothing may take its name as proof of identity.
     */
    record PatientView(long id, String patientId, String issuer, boolean identified, String patientName, LocalDate birthDate,
                       String sex, long studies, long nameChanges) {
        static PatientView of(PatientRecord p) {
            return new PatientView(p.id, p.patientId, p.issuer, p.identified(), p.patientName, p.birthDate, p.sex,
                    StudyRecord.count("patientPk", p.id), PatientNameChange.count("patientPk", p.id));
        }
    }

    record StudyView(String studyInstanceUid, String patientId, boolean patientIdentified, String patientName, LocalDate studyDate,
                     String studyTime, String accessionNumber, String studyDescription, long series) {
        static StudyView of(StudyRecord s) {
            PatientRecord p = PatientRecord.findById(s.patientPk);
            return new StudyView(s.studyInstanceUid, p.patientId, p.identified(), p.patientName, s.studyDate, s.studyTime,
                    s.accessionNumber, s.studyDescription, SeriesRecord.count("studyPk", s.id));
        }
    }

    record SeriesView(String seriesInstanceUid, String studyInstanceUid, String modality, Integer seriesNumber,
                      String seriesDescription, String bodyPartExamined, String frameOfReferenceUid, String status,
                      String statusReason, int instanceCount, OffsetDateTime lastReceivedAt, OffsetDateTime assembledAt,
                      String volumeDimensions, String volumeSpacing, boolean hasVolume, boolean hasLabels) {
        static SeriesView of(SeriesRecord s) {
            StudyRecord study = StudyRecord.findById(s.studyPk);
            return new SeriesView(s.seriesInstanceUid, study.studyInstanceUid, s.modality, s.seriesNumber, s.seriesDescription,
                    s.bodyPartExamined, s.frameOfReferenceUid, s.status.name(), s.statusReason, s.instanceCount,
                    s.lastReceivedAt, s.assembledAt, s.volumeDims, s.volumeSpacing, s.volumePath != null, s.labelsPath != null);
        }
    }

    record SeriesStatusView(String seriesInstanceUid, String status, String statusReason, int instanceCount,
                            OffsetDateTime lastReceivedAt, OffsetDateTime assembledAt) {
        static SeriesStatusView of(SeriesRecord s) {
            return new SeriesStatusView(s.seriesInstanceUid, s.status.name(), s.statusReason, s.instanceCount, s.lastReceivedAt,
                    s.assembledAt);
        }
    }

    record InstanceView(String sopInstanceUid, String sopClassUid, String transferSyntaxUid, Integer instanceNumber,
                        Integer rows, Integer columns, Integer numberOfFrames, String imagePositionPatient,
                        String imageOrientationPatient, String pixelSpacing, Double sliceThickness, String imagerPixelSpacing,
                        Double distanceSourceToDetector, Double distanceSourceToPatient, Double positionerPrimaryAngle,
                        Double positionerSecondaryAngle, String geometryStatus, String geometryIssues, String modalityConflict,
                        String referencedSeriesUid, long fileSize, String dataSetSha256, String callingAeTitle, OffsetDateTime receivedAt) {
        static InstanceView of(InstanceRecord i) {
            return new InstanceView(i.sopInstanceUid, i.sopClassUid, i.transferSyntaxUid, i.instanceNumber, i.rows, i.columns,
                    i.numberOfFrames, i.imagePositionPatient, i.imageOrientationPatient, i.pixelSpacing, i.sliceThickness,
                    i.imagerPixelSpacing, i.distanceSourceToDetector, i.distanceSourceToPatient, i.positionerPrimaryAngle,
                    i.positionerSecondaryAngle, i.geometryStatus, i.geometryIssues, i.modalityConflict, i.referencedSeriesUid,
                    i.fileSize, i.dataSetSha256, i.callingAeTitle, i.receivedAt);
        }
    }

    record AuditView(long id, OffsetDateTime occurredAt, String eventType, String outcome, String actor, String remoteAddress,
                     String objectUid, String seriesUid, String studyUid, String detail) {
        static AuditView of(AuditEvent e) {
            return new AuditView(e.id, e.occurredAt, e.eventType, e.outcome.name(), e.actor, e.remoteAddress, e.objectUid, e.seriesUid,
                    e.studyUid, e.detail);
        }
    }
}
