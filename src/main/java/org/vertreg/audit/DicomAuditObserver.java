package org.vertreg.audit;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.vertreg.dicom.DicomEvents;
import org.vertreg.dicom.DicomStatus;

/**
 * Turns what the DICOM service reports into audit events and metrics. Refusals and failures are
 * audited one by one; successful transfers once per association, so auditing does not slow receipt.
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
        if (e.stored() + e.refused() > 0) {
            trail.record("INSTANCES_RECEIVED", e.refused() == 0 ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE, e.callingAeTitle(),
                    e.remoteAddress(), null, e.stored() + " stored, " + e.refused() + " refused");
        }
    }

    void onStore(@Observes DicomEvents.StoreAnswered e) {
        metrics.counter("vertreg.dicom.cstore", "status", DicomStatus.hex(e.status())).increment();
        if (!DicomStatus.isSuccess(e.status())) {
            trail.record("INSTANCE_REFUSED", AuditOutcome.REFUSED, e.callingAeTitle(), e.remoteAddress(), e.sopInstanceUid(),
                    DicomStatus.hex(e.status()) + ": " + e.detail());
        }
    }
}
