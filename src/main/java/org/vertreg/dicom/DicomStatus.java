package org.vertreg.dicom;

/** DIMSE status codes the node answers with (PS3.4 Annex B, PS3.7 Annex C). */
public final class DicomStatus {
    public static final int SUCCESS = 0x0000;
    /** Refused: out of resources (disk full, database unavailable). */
    public static final int OUT_OF_RESOURCES = 0xA700;
    /** Error: data set does not match SOP class. */
    public static final int DATA_SET_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
    /** Error: cannot understand (unparseable, undecodable, required attribute missing). */
    public static final int CANNOT_UNDERSTAND = 0xC000;
    /** Failure: an instance with this SOP Instance UID and other content is already stored (PS3.7 C.4.2). */
    public static final int DUPLICATE_SOP_INSTANCE = 0x0111;
    /** Warning: elements discarded; the node answers it for a conflicting duplicate when configured to warn. */
    public static final int WARNING_ELEMENTS_DISCARDED = 0xB006;
    /** Refused: SOP class not supported. */
    public static final int SOP_CLASS_NOT_SUPPORTED = 0x0122;

    private DicomStatus() {
    }

    public static boolean isSuccess(int status) {
        return status == SUCCESS;
    }

    public static String hex(int status) {
        return String.format("0x%04X", status);
    }
}
