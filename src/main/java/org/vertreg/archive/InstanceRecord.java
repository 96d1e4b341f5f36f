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
@Table(name = "instance")
public class InstanceRecord extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "series_pk")
    public Long seriesPk;
    @Column(name = "sop_instance_uid")
    public String sopInstanceUid;
    @Column(name = "sop_class_uid")
    public String sopClassUid;
    @Column(name = "transfer_syntax_uid")
    public String transferSyntaxUid;
    @Column(name = "instance_number")
    public Integer instanceNumber;
    public Integer rows;
    public Integer columns;
    @Column(name = "number_of_frames")
    public Integer numberOfFrames;
    @Column(name = "image_position_patient")
    public String imagePositionPatient;
    @Column(name = "image_orientation_patient")
    public String imageOrientationPatient;
    @Column(name = "pixel_spacing")
    public String pixelSpacing;
    @Column(name = "slice_thickness")
    public Double sliceThickness;
    @Column(name = "imager_pixel_spacing")
    public String imagerPixelSpacing;
    @Column(name = "distance_source_to_detector")
    public Double distanceSourceToDetector;
    @Column(name = "distance_source_to_patient")
    public Double distanceSourceToPatient;
    @Column(name = "positioner_primary_angle")
    public Double positionerPrimaryAngle;
    @Column(name = "positioner_secondary_angle")
    public Double positionerSecondaryAngle;
    @Column(name = "acquisition_date")
    public LocalDate acquisitionDate;
    @Column(name = "content_date")
    public LocalDate contentDate;
    @Column(name = "file_path")
    public String filePath;
    @Column(name = "file_size")
    public long fileSize;
    @Column(name = "referenced_series_uid")
    public String referencedSeriesUid;
    @Column(name = "data_set_sha256")
    public String dataSetSha256;
    /** PRESENT, INCOMPLETE or INVALID for a projection X-ray ({@link org.vertreg.dicom.XrayGeometryAssessment}), else null. */
    @Column(name = "geometry_status")
    public String geometryStatus;
    @Column(name = "geometry_issues")
    public String geometryIssues;
    @Column(name = "modality_conflict")
    public String modalityConflict;
    @Column(name = "calling_ae_title")
    public String callingAeTitle;
    @Column(name = "received_at", insertable = false, updatable = false)
    public OffsetDateTime receivedAt;
}
