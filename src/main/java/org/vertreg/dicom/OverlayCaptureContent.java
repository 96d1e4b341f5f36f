package org.vertreg.dicom;

import java.util.Objects;

/**
 * What {@link OverlayCaptureWriter} writes besides the picture. Its UIDs are given here, so that a retried job writes the
 * same object again.
 *
 * @param xrayStudy patient and study of the X-ray; the capture joins that study
 * @param xray      the X-ray the picture is drawn on
 */
public record OverlayCaptureContent(PatientStudy xrayStudy, ReferencedImage xray, String seriesInstanceUid, String sopInstanceUid,
                                    String seriesDescription, RegistrationSummary summary, Equipment equipment) {

    public OverlayCaptureContent {
        Objects.requireNonNull(xrayStudy, "xrayStudy");
        Objects.requireNonNull(xray, "xray");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(equipment, "equipment");
        seriesInstanceUid = UidArguments.required(seriesInstanceUid, "Series Instance UID");
        sopInstanceUid = UidArguments.required(sopInstanceUid, "SOP Instance UID");
        seriesDescription = DicomAttributes.checkedText(seriesDescription, 64, "Series Description");
    }
}
