package org.vertreg.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.vertreg.archive.ArchiveEvents;

/** Audits what the archive does on its own: assembly, label linking, recovery after a crash. */
@ApplicationScoped
public class ArchiveAuditObserver {
    private static final String NODE = "vertreg";

    @Inject
    AuditTrail trail;

    void onAssembled(@Observes ArchiveEvents.SeriesAssembled e) {
        trail.record("SERIES_ASSEMBLED", AuditOutcome.SUCCESS, NODE, null, e.seriesInstanceUid(),
                e.dimensions() + " voxels, spacing " + e.spacing() + " mm");
    }

    void onUnusable(@Observes ArchiveEvents.SeriesUnusable e) {
        trail.record("SERIES_UNUSABLE", AuditOutcome.FAILURE, NODE, null, e.seriesInstanceUid(), e.reason());
    }

    void onLabels(@Observes ArchiveEvents.LabelsLinked e) {
        trail.record("LABELS_LINKED", AuditOutcome.SUCCESS, NODE, null, e.seriesInstanceUid(),
                "segmentation " + e.segmentationSopInstanceUid() + ": labels " + e.labels());
    }

    void onLabelsUnusable(@Observes ArchiveEvents.LabelsUnusable e) {
        trail.record("LABELS_UNUSABLE", AuditOutcome.FAILURE, NODE, null, e.seriesInstanceUid(),
                "segmentation " + e.segmentationSopInstanceUid() + ": " + e.reason());
    }

    void onRenamed(@Observes ArchiveEvents.PatientRenamed e) {
        trail.record("PATIENT_NAME_CHANGED", AuditOutcome.SUCCESS, NODE, null, e.sopInstanceUid(), e.studyInstanceUid(),
                e.seriesInstanceUid(), "the instance names its patient otherwise than the index did; both names are kept in"
                        + " the patient's name history");
    }

    void onRecovered(@Observes ArchiveEvents.Recovered e) {
        trail.record("ARCHIVE_RECOVERY", AuditOutcome.SUCCESS, NODE, null, null,
                e.partialTransfersDeleted() + " partial transfers deleted, " + e.instancesIndexed() + " stored instances indexed");
    }
}
