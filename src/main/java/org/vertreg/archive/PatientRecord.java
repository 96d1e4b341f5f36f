package org.vertreg.archive;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A patient, keyed by Patient ID and its issuer; a patient whose instances carried no ID has a record per study
 * ({@code unidentifiedStudyUid}), so that two such patients never merge.
 */
@Entity
@Table(name = "patient")
public class PatientRecord extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "patient_id")
    public String patientId;
    public String issuer;
    @Column(name = "patient_name")
    public String patientName;
    @Column(name = "birth_date")
    public LocalDate birthDate;
    public String sex;
    @Column(name = "unidentified_study_uid")
    public String unidentifiedStudyUid;
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    /** Whether the instances gave a Patient ID: an unidentified patient's name proves nothing about who they are. */
    public boolean identified() {
        return unidentifiedStudyUid == null || unidentifiedStudyUid.isEmpty();
    }

    /** The identified patient with this ID and issuer. */
    public static PatientRecord find(String patientId, String issuer) {
        return find("patientId = ?1 and issuer = ?2 and unidentifiedStudyUid = ''", patientId, issuer).firstResult();
    }
}
