package org.vertreg.dicom;

import java.util.List;

/**
 * Transfer syntaxes the node accepts, in order of preference when a peer proposes several.
 * Each compressed one is listed only because the node decodes it (see the transfer syntax tests);
 * anything else (JPEG-LS and 12-bit JPEG extended among them: no decoder on the class path) is refused
 * at negotiation.
 */
public final class AcceptedTransferSyntaxes {
    public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
    public static final String IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
    public static final String DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1.99";
    public static final String RLE_LOSSLESS = "1.2.840.10008.1.2.5";
    public static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
    public static final String JPEG_LOSSLESS = "1.2.840.10008.1.2.4.57";
    public static final String JPEG_LOSSLESS_SV1 = "1.2.840.10008.1.2.4.70";
    public static final String JPEG_2000_LOSSLESS = "1.2.840.10008.1.2.4.90";
    public static final String JPEG_2000 = "1.2.840.10008.1.2.4.91";

    /** Uncompressed first: they cost nothing to check and nothing to decode later. */
    public static final List<String> IN_PREFERENCE_ORDER = List.of(
            EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN, DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
            RLE_LOSSLESS, JPEG_LOSSLESS_SV1, JPEG_LOSSLESS, JPEG_2000_LOSSLESS, JPEG_2000, JPEG_BASELINE);

    private AcceptedTransferSyntaxes() {
    }

    public static boolean isCompressed(String transferSyntaxUid) {
        return !EXPLICIT_VR_LITTLE_ENDIAN.equals(transferSyntaxUid) && !IMPLICIT_VR_LITTLE_ENDIAN.equals(transferSyntaxUid)
                && !DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.equals(transferSyntaxUid);
    }
}
