package org.vertreg.dicom;

import java.time.LocalDate;

/**
 * What the archive indexes of a composite instance: identity, the patient/study/series it belongs to,
 * and the geometry that assembly and registration need. Multi-valued numbers keep DICOM's backslash form.
 */
public record InstanceHeader(
        String sopClassUid, String sopInstanceUid, String transferSyntaxUid,
        String patientId, String issuerOfPatientId, String patientName, LocalDate patientBirthDate, String patientSex,
        String studyInstanceUid, LocalDate studyDate, String studyTime, String accessionNumber, String studyDescription,
        String referringPhysicianName,
        String seriesInstanceUid, String modality, Integer seriesNumber, String seriesDescription, String bodyPartExamined,
        String frameOfReferenceUid,
        Integer instanceNumber, Integer rows, Integer columns, Integer numberOfFrames,
        String imagePositionPatient, String imageOrientationPatient, String pixelSpacing, Double sliceThickness,
        String imagerPixelSpacing, Double distanceSourceToDetector, Double distanceSourceToPatient,
        Double positionerPrimaryAngle, Double positionerSecondaryAngle,
        LocalDate acquisitionDate, LocalDate contentDate, String referencedSeriesInstanceUid) {
}
