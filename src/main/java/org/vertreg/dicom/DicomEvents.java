package org.vertreg.dicom;

import java.util.Map;

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

    /** An association the peer released normally, with how many of its instances had each outcome. */
    public record AssociationReleased(String remoteAddress, String callingAeTitle, Map<Receipt.Outcome, Integer> outcomes) {
        public int count(Receipt.Outcome outcome) {
            return outcomes.getOrDefault(outcome, 0);
        }
    }

    /** One C-STORE answered, successfully or not; the study and series are null when the header could not be read. */
    public record StoreAnswered(String remoteAddress, String callingAeTitle, String sopClassUid, String sopInstanceUid,
                                String studyInstanceUid, String seriesInstanceUid, Receipt.Outcome outcome, int status,
                                String detail) {
    }
}
