package org.vertreg.dicom;

/** A failure that maps to a DIMSE status at the network edge; the message says why, for the log and the audit trail. */
public class DicomStatusException extends Exception {
    private final int status;

    public DicomStatusException(int status, String message) {
        super(message);
        this.status = status;
    }

    public DicomStatusException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
