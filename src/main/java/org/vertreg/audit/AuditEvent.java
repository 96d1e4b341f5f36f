package org.vertreg.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One line of the audit trail; rows are inserted, never changed. */
@Entity
@Table(name = "audit_event")
public class AuditEvent extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "occurred_at", insertable = false, updatable = false)
    public OffsetDateTime occurredAt;
    @Column(name = "event_type", updatable = false)
    public String eventType;
    @Enumerated(EnumType.STRING)
    @Column(updatable = false)
    public AuditOutcome outcome;
    @Column(updatable = false)
    public String actor;
    @Column(name = "remote_address", updatable = false)
    public String remoteAddress;
    @Column(name = "object_uid", updatable = false)
    public String objectUid;
    @Column(name = "study_uid", updatable = false)
    public String studyUid;
    @Column(name = "series_uid", updatable = false)
    public String seriesUid;
    @Column(updatable = false)
    public String detail;
}
