package org.vertreg.archive;

/** What the archive reports about its own work, for the audit trail (which observes these events). */
public final class ArchiveEvents {
    private ArchiveEvents() {
    }

    public record SeriesAssembled(String seriesInstanceUid, String dimensions, String spacing) {
    }

    public record SeriesUnusable(String seriesInstanceUid, String reason) {
    }

    public record LabelsLinked(String seriesInstanceUid, String segmentationSopInstanceUid, String labels) {
    }

    public record LabelsUnusable(String seriesInstanceUid, String segmentationSopInstanceUid, String reason) {
    }

    /** An instance named its patient otherwise than the index did; both names are in patient_name_change, not here. */
    public record PatientRenamed(String sopInstanceUid, String studyInstanceUid, String seriesInstanceUid) {
    }

    public record Recovered(int partialTransfersDeleted, int instancesIndexed) {
    }
}
