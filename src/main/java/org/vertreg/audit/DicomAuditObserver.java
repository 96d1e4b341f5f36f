package org.vertreg.audit;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.vertreg.dicom.DicomEvents;
import org.vertreg.dicom.DicomStatus;
import org.vertreg.dicom.Receipt;
import org.vertreg.dicom.StorageSopClasses;

/**
 * Turns what the DICOM service reports into audit events and metrics: every C-STORE answered, whatever became of
 * the instance, and a summary per association.
 */
@ApplicationScoped
public class DicomAuditObserver {
    @Inject
    AuditTrail trail;
    @Inject
    MeterRegistry metrics;

    void onRefused(@Observes DicomEvents.AssociationRefused e) {
        metrics.counter("vertreg.dicom.associations.refused").increment();
        trail.record("ASSOCIATION_REFUSED", AuditOutcome.REFUSED, e.callingAeTitle(), e.remoteAddress(), null, e.reason());
    }

    void onAborted(@Observes DicomEvents.AssociationAborted e) {
        metrics.counter("vertreg.dicom.associations.aborted").increment();
        trail.record("ASSOCIATION_ABORTED", AuditOutcome.FAILURE, e.callingAeTitle(), e.remoteAddress(), null, e.reason());
    }

    void onReleased(@Observes DicomEvents.AssociationReleased e) {
        metrics.counter("vertreg.dicom.associations.completed").increment();
        int refused = e.count(Receipt.Outcome.REFUSED) + e.count(Receipt.Outcome.CONFLICT);
        int all = refused + e.count(Receipt.Outcome.STORED) + e.count(Receipt.Outcome.DUPLICATE);
        if (all > 0) {
            trail.record("INSTANCES_RECEIVED", refused == 0 ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE, e.callingAeTitle(),
                    e.remoteAddress(), null, e.count(Receipt.Outcome.STORED) + " stored, " + e.count(Receipt.Outcome.DUPLICATE)
                            + " duplicates, " + e.count(Receipt.Outcome.CONFLICT) + " conflicting, " + e.count(Receipt.Outcome.REFUSED)
                            + " refused");
        }
    }

    /** Every instance, kept or not, under its own UID and those of its series and study. */
    void onStore(@Observes DicomEvents.StoreAnswered e) {
        metrics.counter("vertreg.dicom.cstore", "status", DicomStatus.hex(e.status())).increment();
        String what = StorageSopClasses.name(e.sopClassUid());
        switch (e.outcome()) {
            case STORED -> record(e, "INSTANCE_STORED", AuditOutcome.SUCCESS, what + ": " + e.detail());
            case DUPLICATE -> record(e, "INSTANCE_DUPLICATE", AuditOutcome.SUCCESS, what + ": " + e.detail());
            case CONFLICT -> record(e, "INSTANCE_CONFLICT", AuditOutcome.REFUSED, DicomStatus.hex(e.status()) + ": " + e.detail());
            case REFUSED -> record(e, "INSTANCE_REFUSED", AuditOutcome.REFUSED, DicomStatus.hex(e.status()) + ": " + e.detail());
        }
    }

    private void record(DicomEvents.StoreAnswered e, String type, AuditOutcome outcome, String detail) {
        trail.record(type, outcome, e.callingAeTitle(), e.remoteAddress(), e.sopInstanceUid(), e.studyInstanceUid(), e.seriesInstanceUid(),
                detail);
    }
}
