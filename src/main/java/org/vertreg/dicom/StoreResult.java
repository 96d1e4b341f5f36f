package org.vertreg.dicom;

import java.nio.file.Path;

/**
 * How the remote AE answered the C-STORE of one file.
 *
 * @param status       the C-STORE-RSP's Status (PS3.4 B.2.3); 0x0122 (refused: SOP class not supported) when the
 *                     remote AE accepted no presentation context for the file, so that it was not sent
 * @param errorComment the response's Error Comment, or why the file was not sent; empty if none
 */
public record StoreResult(Path file, String sopClassUid, String sopInstanceUid, int status, String errorComment) {

    /** Stored as sent. */
    public boolean isSuccess() {
        return status == DicomStatus.SUCCESS;
    }

    /** Stored, with a warning: coercion of data elements, data set does not match SOP class, or elements discarded. */
    public boolean isWarning() {
        return status == 0xB000 || status == 0xB007 || status == 0xB006;
    }

    @Override
    public String toString() {
        return file + " (" + sopInstanceUid + "): " + DicomStatus.hex(status) + (errorComment.isEmpty() ? "" : " " + errorComment);
    }
}
