package org.vertreg.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/** Writes audit events in a transaction of their own, so a failed store is audited even as it rolls back. */
@ApplicationScoped
public class AuditTrail {
    private static final Logger LOG = Logger.getLogger("org.vertreg.audit");

    @Inject
    AuditSyslog syslog;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(String eventType, AuditOutcome outcome, String actor, String remoteAddress, String objectUid, String detail) {
        record(eventType, outcome, actor, remoteAddress, objectUid, null, null, detail);
    }

    /** An event about one instance, with the study and series it belongs to (either may be null when unknown). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(String eventType, AuditOutcome outcome, String actor, String remoteAddress, String objectUid, String studyUid,
                       String seriesUid, String detail) {
        AuditEvent e = new AuditEvent();
        e.studyUid = truncate(studyUid, 64);
        e.seriesUid = truncate(seriesUid, 64);
        e.eventType = eventType;
        e.outcome = outcome;
        e.actor = truncate(actor, 64);
        e.remoteAddress = truncate(remoteAddress, 128);
        e.objectUid = truncate(objectUid, 64);
        e.detail = detail;
        e.persist();
        syslog.forward(eventType, outcome, e.actor, e.remoteAddress, e.objectUid, e.studyUid, detail);
        LOG.infof("audit %s %s actor=%s remote=%s object=%s series=%s study=%s %s", eventType, outcome, actor, remoteAddress, objectUid,
                seriesUid, studyUid, detail == null ? "" : detail);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
