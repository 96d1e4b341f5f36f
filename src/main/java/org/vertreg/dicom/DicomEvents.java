package org.vertreg.dicom;

/** What the DICOM service reports about its associations, for the log, the metrics and the audit trail. */
public final class DicomEvents {
    private DicomEvents() {
    }

    /** An association request refused before negotiation (unknown caller, not DICOM, too busy) or aborted. */
    public record AssociationRefused(String remoteAddress, String callingAeTitle, String reason) {
    }

    /** An association that ended abnormally (abort, broken stream), and any partial instance discarded. */
    public record AssociationAborted(String remoteAddress, String callingAeTitle, String reason) {
    }

    /** An association the peer released normally, with how many instances it stored and how many were refused. */
    public record AssociationReleased(String remoteAddress, String callingAeTitle, int stored, int refused) {
    }

    /** One C-STORE answered, successfully or not. */
    public record StoreAnswered(String remoteAddress, String callingAeTitle, String sopClassUid, String sopInstanceUid,
                                int status, String detail) {
    }
}
