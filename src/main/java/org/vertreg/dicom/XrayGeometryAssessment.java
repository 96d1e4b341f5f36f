package org.vertreg.dicom;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an X-ray's header says about the projection a registration will need: PRESENT when pixel spacing at the
 * detector, source–detector and source–patient distances and the positioner angles are all there and possible;
 * INCOMPLETE when some are missing (a registration then falls back to the C-arm defaults and says so); INVALID when one
 * is impossible (zero or negative spacing or distance, the patient behind the detector). Instances that are not
 * projection X-rays get none.
 */
public record XrayGeometryAssessment(Status status, List<String> issues) {

    public enum Status {
        PRESENT, INCOMPLETE, INVALID
    }

    private static final Map<String, String> EXPECTED_MODALITY = Map.of(
            StorageSopClasses.CT_IMAGE, "CT", StorageSopClasses.ENHANCED_CT_IMAGE, "CT",
            StorageSopClasses.DX_FOR_PRESENTATION, "DX", StorageSopClasses.DX_FOR_PROCESSING, "DX",
            StorageSopClasses.CR_IMAGE, "CR", StorageSopClasses.XA_IMAGE, "XA", StorageSopClasses.XRF_IMAGE, "RF",
            StorageSopClasses.SEGMENTATION, "SEG", StorageSopClasses.SPATIAL_REGISTRATION, "REG");
    private static final List<String> XRAY_SOP_CLASSES = List.of(StorageSopClasses.DX_FOR_PRESENTATION,
            StorageSopClasses.DX_FOR_PROCESSING, StorageSopClasses.CR_IMAGE, StorageSopClasses.XA_IMAGE, StorageSopClasses.XRF_IMAGE);

    public String issuesText() {
        return issues.isEmpty() ? null : String.join("; ", issues);
    }

    /** The assessment of a projection X-ray (DX, CR, XA, RF), empty for anything else. */
    public static Optional<XrayGeometryAssessment> of(InstanceHeader h) {
        if (!XRAY_SOP_CLASSES.contains(h.sopClassUid())) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        String spacingName = h.imagerPixelSpacing() != null ? "Imager Pixel Spacing (0018,1164)" : "Pixel Spacing (0028,0030)";
        String spacing = h.imagerPixelSpacing() != null ? h.imagerPixelSpacing() : h.pixelSpacing();
        if (spacing == null) {
            missing.add("no Imager Pixel Spacing (0018,1164) or Pixel Spacing (0028,0030)");
        } else if (!twoPositiveNumbers(spacing)) {
            invalid.add(spacingName + " '" + spacing + "' is not two positive numbers");
        }
        Double sid = h.distanceSourceToDetector();
        Double sod = h.distanceSourceToPatient();
        if (sid == null) {
            missing.add("no Distance Source to Detector (0018,1110)");
        } else if (sid <= 0) {
            invalid.add("Distance Source to Detector (0018,1110) is " + sid + " mm");
        }
        if (sod == null) {
            missing.add("no Distance Source to Patient (0018,1111)");
        } else if (sod <= 0) {
            invalid.add("Distance Source to Patient (0018,1111) is " + sod + " mm");
        } else if (sid != null && sid > 0 && sod >= sid) {
            invalid.add("Distance Source to Patient (0018,1111) " + sod + " mm is not less than Distance Source to Detector " + sid
                    + " mm");
        }
        if (h.positionerPrimaryAngle() == null || h.positionerSecondaryAngle() == null) {
            missing.add("no Positioner Primary/Secondary Angle (0018,1510/1511)");
        }
        List<String> issues = new ArrayList<>(invalid);
        issues.addAll(missing);
        Status status = !invalid.isEmpty() ? Status.INVALID : !missing.isEmpty() ? Status.INCOMPLETE : Status.PRESENT;
        return Optional.of(new XrayGeometryAssessment(status, List.copyOf(issues)));
    }

    /** Why the Modality contradicts the SOP class, empty when it does not (Secondary Capture may carry any). */
    public static Optional<String> modalityConflict(InstanceHeader h) {
        String expected = EXPECTED_MODALITY.get(h.sopClassUid());
        if (expected == null || expected.equals(h.modality())) {
            return Optional.empty();
        }
        return Optional.of("Modality (0008,0060) is " + h.modality() + " where " + StorageSopClasses.name(h.sopClassUid()) + " has "
                + expected);
    }

    private static boolean twoPositiveNumbers(String multi) {
        String[] parts = multi.split("\\\\");
        if (parts.length != 2) {
            return false;
        }
        for (String p : parts) {
            try {
                double v = Double.parseDouble(p.strip());
                if (!(v > 0) || !Double.isFinite(v)) {
                    return false;
                }
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }
}
