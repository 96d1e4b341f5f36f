package org.vertreg.dicom;

/**
 * What became of one received instance and what the sender is told: the status, the words for its Error Comment and
 * the audit trail, and the study and series the instance belongs to (null when its header could not be read).
 */
public record Receipt(int status, Outcome outcome, String detail, String studyInstanceUid, String seriesInstanceUid) {

    public enum Outcome {
        /** Kept and indexed. */
        STORED,
        /** The same content was already kept: a quiet success. */
        DUPLICATE,
        /** Another content under the same SOP Instance UID was already kept; the new one was not. */
        CONFLICT,
        /** Not kept: the status and detail say why. */
        REFUSED
    }

    public static Receipt refused(DicomStatusException e, InstanceHeader header) {
        return new Receipt(e.status(), Outcome.REFUSED, e.getMessage(), header == null ? null : header.studyInstanceUid(),
                header == null ? null : header.seriesInstanceUid());
    }
}
