package org.vertreg.archive;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Formula;
import java.time.OffsetDateTime;

@Entity
@Table(name = "series")
public class SeriesRecord extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "study_pk")
    public Long studyPk;
    @Column(name = "series_instance_uid")
    public String seriesInstanceUid;
    public String modality;
    @Column(name = "series_number")
    public Integer seriesNumber;
    @Column(name = "series_description")
    public String seriesDescription;
    @Column(name = "body_part_examined")
    public String bodyPartExamined;
    @Column(name = "frame_of_reference_uid")
    public String frameOfReferenceUid;
    @Enumerated(EnumType.STRING)
    public SeriesStatus status;
    @Column(name = "status_reason")
    public String statusReason;
    /** Derived, so that indexing an instance is one INSERT statement and no counter can drift. */
    @Formula("(select count(*) from instance i where i.series_pk = id)")
    public int instanceCount;
    @Column(name = "last_received_at")
    public OffsetDateTime lastReceivedAt;
    @Column(name = "volume_path")
    public String volumePath;
    @Column(name = "volume_dims")
    public String volumeDims;
    @Column(name = "volume_spacing")
    public String volumeSpacing;
    @Column(name = "assembled_at")
    public OffsetDateTime assembledAt;
    @Column(name = "labels_path")
    public String labelsPath;
    @Column(name = "labels_source_uid")
    public String labelsSourceUid;
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    public static SeriesRecord byUid(String uid) {
        return find("seriesInstanceUid", uid).firstResult();
    }
}
