package org.vertreg.dicom;

import java.util.Map;

/** The storage SOP classes the node accepts, with the names PS3.4 gives them. */
public final class StorageSopClasses {
    public static final String VERIFICATION = "1.2.840.10008.1.1";
    public static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";
    public static final String ENHANCED_CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2.1";
    public static final String DX_FOR_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.1";
    public static final String DX_FOR_PROCESSING = "1.2.840.10008.5.1.4.1.1.1.1.1";
    public static final String XA_IMAGE = "1.2.840.10008.5.1.4.1.1.12.1";
    public static final String XRF_IMAGE = "1.2.840.10008.5.1.4.1.1.12.2";
    public static final String CR_IMAGE = "1.2.840.10008.5.1.4.1.1.1";
    public static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";
    public static final String SEGMENTATION = "1.2.840.10008.5.1.4.1.1.66.4";
    public static final String SPATIAL_REGISTRATION = "1.2.840.10008.5.1.4.1.1.66.1";

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry(CT_IMAGE, "CT Image Storage"),
            Map.entry(ENHANCED_CT_IMAGE, "Enhanced CT Image Storage"),
            Map.entry(DX_FOR_PRESENTATION, "Digital X-Ray Image Storage - For Presentation"),
            Map.entry(DX_FOR_PROCESSING, "Digital X-Ray Image Storage - For Processing"),
            Map.entry(XA_IMAGE, "X-Ray Angiographic Image Storage"),
            Map.entry(XRF_IMAGE, "X-Ray Radiofluoroscopic Image Storage"),
            Map.entry(CR_IMAGE, "Computed Radiography Image Storage"),
            Map.entry(SECONDARY_CAPTURE, "Secondary Capture Image Storage"),
            Map.entry(SEGMENTATION, "Segmentation Storage"),
            Map.entry(SPATIAL_REGISTRATION, "Spatial Registration Storage"));

    private StorageSopClasses() {
    }

    /** Projection X-rays a registration takes: DX (for presentation and processing), CR, XA and RF. */
    public static final java.util.Set<String> PROJECTION_XRAYS = java.util.Set.of(DX_FOR_PRESENTATION, DX_FOR_PROCESSING, CR_IMAGE, XA_IMAGE,
            XRF_IMAGE);

    public static boolean isAccepted(String sopClassUid) {
        return NAMES.containsKey(sopClassUid);
    }

    public static String name(String sopClassUid) {
        return NAMES.getOrDefault(sopClassUid, sopClassUid);
    }

    /** Image SOP classes whose greyscale or colour pixel data the node must be able to decode. */
    public static boolean isImage(String sopClassUid) {
        return isAccepted(sopClassUid) && !SPATIAL_REGISTRATION.equals(sopClassUid) && !SEGMENTATION.equals(sopClassUid);
    }
}
