package org.vertreg.archive;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A received instance that named its patient otherwise than the index did; written by {@link ArchiveIndex}, never changed. */
@Entity
@Table(name = "patient_name_change")
public class PatientNameChange extends PanacheEntityBase {
    @Id
    public Long id;
    @Column(name = "patient_pk")
    public Long patientPk;
    @Column(name = "previous_name")
    public String previousName;
    @Column(name = "new_name")
    public String newName;
    @Column(name = "sop_instance_uid")
    public String sopInstanceUid;
    @Column(name = "changed_at")
    public OffsetDateTime changedAt;
}
