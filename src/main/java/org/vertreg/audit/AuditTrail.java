package org.vertreg.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Writes audit events in a transaction of their own, so a failed store is audited even as it rolls back, and says each in
 * the application log, which holds no patient names or IDs (the events' details carry none but an API call's path and
 * query, which the log gets without them).
 */
@ApplicationScoped
public class AuditTrail {
    private static final Logger LOG = Logger.getLogger("org.vertreg.audit");

    @Inject
    AuditSyslog syslog;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(String eventType, AuditOutcome outcome, String actor, String remoteAddress, String objectUid, String detail) {
        record(eventType, outcome, actor, remoteAddress, objectUid, null, null, detail);
    }

    /**
     * As {@link #record(String, AuditOutcome, String, String, String, String)}, but the application log gets {@code logged}
     * in place of the detail: the trail keeps what the log may not hold (a patient's ID in a path or a query).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordLoggingOnly(String logged, String eventType, AuditOutcome outcome, String actor, String remoteAddress, String detail) {
        write(eventType, outcome, actor, remoteAddress, null, null, null, detail, logged);
    }

    /** An event about one instance, with the study and series it belongs to (either may be null when unknown). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(String eventType, AuditOutcome outcome, String actor, String remoteAddress, String objectUid, String studyUid,
                       String seriesUid, String detail) {
        write(eventType, outcome, actor, remoteAddress, objectUid, studyUid, seriesUid, detail, detail);
    }

    private void write(String eventType, AuditOutcome outcome, String actor, String remoteAddress, String objectUid, String studyUid,
                       String seriesUid, String detail, String logged) {
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
                seriesUid, studyUid, logged == null ? "" : logged);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
