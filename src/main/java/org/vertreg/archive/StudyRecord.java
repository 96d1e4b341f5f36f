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

@Entity
@Table(name = "study")
public class StudyRecord extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "patient_pk")
    public Long patientPk;
    @Column(name = "study_instance_uid")
    public String studyInstanceUid;
    @Column(name = "study_date")
    public LocalDate studyDate;
    @Column(name = "study_time")
    public String studyTime;
    @Column(name = "accession_number")
    public String accessionNumber;
    @Column(name = "study_description")
    public String studyDescription;
    @Column(name = "referring_physician")
    public String referringPhysician;
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    public static StudyRecord byUid(String uid) {
        return find("studyInstanceUid", uid).firstResult();
    }
}
