package org.vertreg.dicom;

import java.util.Arrays;
import java.util.Objects;
import org.vertreg.geometry.RigidTransform;

/**
 * What {@link SpatialRegistrationWriter} writes for one registered X-ray. Every UID of the output is given here, so that a
 * retried job writes the same object again.
 *
 * <p>The registered frame of reference, the object's own, is the C-arm exposure's: the X-ray's Frame of Reference UID
 * when it has one, otherwise {@code newExposureFrameOfReferenceUid}, which the caller makes once and keeps for retries.
 *
 * @param xrayStudy                      patient and study of the X-ray; the registration joins that study
 * @param xray                           the registered X-ray
 * @param xrayFrameOfReferenceUid        the X-ray's Frame of Reference UID, or empty when it has none
 * @param newExposureFrameOfReferenceUid the exposure's frame of reference when the X-ray has none (ignored otherwise)
 * @param ct                             the CT the registration maps from
 * @param ctToExposure                   4x4 row-major rigid matrix taking CT patient coordinates (LPS, mm) into the
 *                                       exposure's frame (mm); refused unless rigid (finite, last row 0 0 0 1,
 *                                       orthonormal rotation with determinant +1, within {@link RigidTransform#ORTHONORMAL_TOLERANCE})
 * @param contentLabel                   Content Label, a code string (A-Z, 0-9, space, _; at most 16)
 */
public record SpatialRegistrationContent(PatientStudy xrayStudy, ReferencedImage xray, String xrayFrameOfReferenceUid,
                                         String newExposureFrameOfReferenceUid, ReferencedSeries ct, double[] ctToExposure,
                                         String seriesInstanceUid, String sopInstanceUid, String contentLabel,
                                         String seriesDescription, RegistrationSummary summary, Equipment equipment) {

    public SpatialRegistrationContent {
        Objects.requireNonNull(xrayStudy, "xrayStudy");
        Objects.requireNonNull(xray, "xray");
        Objects.requireNonNull(ct, "ct");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(equipment, "equipment");
        xrayFrameOfReferenceUid = UidArguments.optional(xrayFrameOfReferenceUid, "Frame of Reference UID of the X-ray");
        newExposureFrameOfReferenceUid = UidArguments.optional(newExposureFrameOfReferenceUid, "new exposure Frame of Reference UID");
        if (xrayFrameOfReferenceUid.isEmpty() && newExposureFrameOfReferenceUid.isEmpty()) {
            throw new IllegalArgumentException("the X-ray has no Frame of Reference UID, and no new one for its exposure is given");
        }
        String exposure = xrayFrameOfReferenceUid.isEmpty() ? newExposureFrameOfReferenceUid : xrayFrameOfReferenceUid;
        if (exposure.equals(ct.frameOfReferenceUid())) {
            throw new IllegalArgumentException("the exposure and the CT share the frame of reference " + exposure
                    + ": there is nothing to register");
        }
        RigidTransform.fromMatrix4(ctToExposure);  // throws IllegalArgumentException unless rigid
        ctToExposure = ctToExposure.clone();
        seriesInstanceUid = UidArguments.required(seriesInstanceUid, "Series Instance UID");
        sopInstanceUid = UidArguments.required(sopInstanceUid, "SOP Instance UID");
        contentLabel = DicomAttributes.checkedText(contentLabel, 16, "Content Label");
        if (!contentLabel.matches("[A-Z0-9_ ]+")) {
            throw new IllegalArgumentException("Content Label is a non-empty code string (A-Z, 0-9, space, _): " + contentLabel);
        }
        seriesDescription = DicomAttributes.checkedText(seriesDescription, 64, "Series Description");
    }

    /** The registered frame of reference: the X-ray's own, else the new one. */
    public String exposureFrameOfReferenceUid() {
        return xrayFrameOfReferenceUid.isEmpty() ? newExposureFrameOfReferenceUid : xrayFrameOfReferenceUid;
    }

    /** A copy of the matrix. */
    @Override
    public double[] ctToExposure() {
        return ctToExposure.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpatialRegistrationContent c && xrayStudy.equals(c.xrayStudy) && xray.equals(c.xray)
                && xrayFrameOfReferenceUid.equals(c.xrayFrameOfReferenceUid)
                && newExposureFrameOfReferenceUid.equals(c.newExposureFrameOfReferenceUid) && ct.equals(c.ct)
                && Arrays.equals(ctToExposure, c.ctToExposure) && seriesInstanceUid.equals(c.seriesInstanceUid)
                && sopInstanceUid.equals(c.sopInstanceUid) && contentLabel.equals(c.contentLabel)
                && seriesDescription.equals(c.seriesDescription) && summary.equals(c.summary) && equipment.equals(c.equipment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(xrayStudy, xray, xrayFrameOfReferenceUid, newExposureFrameOfReferenceUid, ct, Arrays.hashCode(ctToExposure),
                seriesInstanceUid, sopInstanceUid, contentLabel, summary);
    }

    @Override
    public String toString() {
        return "SpatialRegistrationContent[" + sopInstanceUid + ": " + xray.sopInstanceUid() + " <- CT " + ct.seriesInstanceUid()
                + ", " + Arrays.toString(ctToExposure) + ", " + summary + "]";
    }
}
