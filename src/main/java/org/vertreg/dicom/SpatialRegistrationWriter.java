package org.vertreg.dicom;

import static org.vertreg.dicom.DicomAttributes.put;
import static org.vertreg.dicom.DicomAttributes.putDecimals;
import static org.vertreg.dicom.DicomAttributes.sequence;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.vertreg.geometry.Pose;

/**
 * Writes a Spatial Registration Storage object (PS3.3 A.39.1; SOP class {@value #SPATIAL_REGISTRATION_STORAGE}, modality
 * REG) for one registered X-ray, in the X-ray's study.
 *
 * <p>DICOM has no encoding of a projective pose (DESIGN.md §6), so the object's registered frame of reference is the C-arm
 * exposure's, and projection intrinsics stay in the X-ray's own header. Each Registration Sequence item says how to take
 * its source frame into that registered frame (PS3.3 C.20.2.1.1): item 1 is the CT's frame of reference with the RIGID
 * CT-to-exposure matrix; item 2 is the exposure's frame, with the X-ray in its Referenced Image Sequence, and the identity.
 *
 * <p>The registration's level, quality score, low-confidence flag and pose are in Content Description (at most 64
 * characters, rounded) and, exactly as DS and LO values, in a private block: private creator {@value #PRIVATE_CREATOR} at
 * ({@code 0073,0010}), so (0073,1001) DS quality score, (0073,1002) LO low confidence YES or NO, (0073,1003) LO vertebra
 * level, (0073,1004) DS rx, ry, rz (degrees), tx, ty, tz (mm). Group 0073 keeps clear of the X-ray's 0071.
 */
public final class SpatialRegistrationWriter {

    public static final String SPATIAL_REGISTRATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.1";
    public static final String PRIVATE_CREATOR = "VERTREG 1.0";
    static final int PRIVATE_GROUP = 0x0073;
    static final AttributeTag QUALITY_SCORE = new AttributeTag(PRIVATE_GROUP, 0x1001);
    static final AttributeTag LOW_CONFIDENCE = new AttributeTag(PRIVATE_GROUP, 0x1002);
    static final AttributeTag VERTEBRA_LEVEL = new AttributeTag(PRIVATE_GROUP, 0x1003);
    static final AttributeTag POSE = new AttributeTag(PRIVATE_GROUP, 0x1004);
    /** Series numbers the node gives what it derives, above any an acquisition is likely to use. */
    static final String SERIES_NUMBER = "901";

    // CID 7100 Registration Method
    private static final String[] CONTENT_BASED = {"125024", "DCM", "Image Content-based Alignment"};
    private static final String[] IDENTITY = {"125021", "DCM", "Frame of Reference Identity"};
    private static final double[] IDENTITY_MATRIX = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};

    /** What was written; the frame of reference is the exposure's, chosen as {@link SpatialRegistrationContent} says. */
    public record WrittenRegistration(String seriesInstanceUid, String sopInstanceUid, String frameOfReferenceUid, Path file) {}

    private final Clock clock;

    public SpatialRegistrationWriter(Clock clock) {
        this.clock = clock;
    }

    /** Writes {@code file} (parent folders created). Same content and clock, same bytes. */
    public WrittenRegistration write(SpatialRegistrationContent content, Path file) throws IOException {
        try {
            Part10Writer.write(attributes(content, Part10Writer.Stamp.now(clock)), file);
        } catch (DicomException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return new WrittenRegistration(content.seriesInstanceUid(), content.sopInstanceUid(), content.exposureFrameOfReferenceUid(), file);
    }

    private static AttributeList attributes(SpatialRegistrationContent c, Part10Writer.Stamp now) throws DicomException {
        AttributeList l = new AttributeList();
        // General Series, Spatial Registration Series, Frame of Reference
        DicomAttributes.putDerivedHeader(l, SPATIAL_REGISTRATION_STORAGE, c.sopInstanceUid(), c.xrayStudy(), "REG", c.seriesInstanceUid(),
                SERIES_NUMBER, c.seriesDescription());
        put(l, "FrameOfReferenceUID", c.exposureFrameOfReferenceUid());
        put(l, "PositionReferenceIndicator");
        // General Equipment, Enhanced General Equipment
        Equipment e = c.equipment();
        put(l, "Manufacturer", Equipment.MANUFACTURER);
        put(l, "ManufacturerModelName", e.manufacturerModelName());
        put(l, "DeviceSerialNumber", e.deviceSerialNumber());
        put(l, "SoftwareVersions", e.softwareVersions());
        // Spatial Registration: Content Identification, then the registrations
        put(l, "InstanceNumber", "1");
        put(l, "ContentLabel", c.contentLabel());
        put(l, "ContentDescription", c.summary().shortText());
        put(l, "ContentCreatorName");
        put(l, "ContentDate", now.date());
        put(l, "ContentTime", now.time());
        SequenceAttribute registrations = sequence(l, "RegistrationSequence");
        registrations.addItem(ctItem(c));
        registrations.addItem(exposureItem(c));
        commonInstanceReference(l, c);
        privateBlock(l, c.summary());
        l.insertSuitableSpecificCharacterSetForAllStringValues();
        return l;
    }

    /** The CT's frame of reference (and its slices, when known) into the exposure's: the registration itself. */
    private static AttributeList ctItem(SpatialRegistrationContent c) throws DicomException {
        AttributeList item = new AttributeList();
        ReferencedSeries ct = c.ct();
        put(item, "FrameOfReferenceUID", ct.frameOfReferenceUid());
        if (!ct.sopInstanceUids().isEmpty()) {
            SequenceAttribute images = sequence(item, "ReferencedImageSequence");
            for (String uid : ct.sopInstanceUids()) {
                images.addItem(instance(ct.sopClassUid(), uid));
            }
        }
        item.put(matrixRegistration(c.ctToExposure(), CONTENT_BASED, "CT patient coordinates (LPS, mm) to the C-arm exposure"));
        return item;
    }

    /** The exposure's own frame, named by the X-ray taken in it, unchanged. */
    private static AttributeList exposureItem(SpatialRegistrationContent c) throws DicomException {
        AttributeList item = new AttributeList();
        put(item, "FrameOfReferenceUID", c.exposureFrameOfReferenceUid());
        sequence(item, "ReferencedImageSequence").addItem(instance(c.xray().sopClassUid(), c.xray().sopInstanceUid()));
        item.put(matrixRegistration(IDENTITY_MATRIX, IDENTITY, "C-arm exposure of the referenced X-ray"));
        return item;
    }

    private static SequenceAttribute matrixRegistration(double[] matrix, String[] type, String comment) throws DicomException {
        AttributeList registration = new AttributeList();
        put(registration, "FrameOfReferenceTransformationComment", comment);
        AttributeList code = new AttributeList();
        put(code, "CodeValue", type[0]);
        put(code, "CodingSchemeDesignator", type[1]);
        put(code, "CodeMeaning", type[2]);
        sequence(registration, "RegistrationTypeCodeSequence").addItem(code);
        AttributeList m = new AttributeList();
        putDecimals(m, "FrameOfReferenceTransformationMatrix", matrix);
        put(m, "FrameOfReferenceTransformationMatrixType", "RIGID");
        sequence(registration, "MatrixSequence").addItem(m);
        SequenceAttribute s = new SequenceAttribute(DicomAttributes.tag("MatrixRegistrationSequence"));
        s.addItem(registration);
        return s;
    }

    /**
     * Common Instance Reference (PS3.3 C.12.2): every instance referenced by UID, by series, those outside the X-ray's
     * study under the study that holds them.
     */
    private static void commonInstanceReference(AttributeList l, SpatialRegistrationContent c) throws DicomException {
        SequenceAttribute sameStudy = sequence(l, "ReferencedSeriesSequence");
        sameStudy.addItem(series(c.xray().seriesInstanceUid(), c.xray().sopClassUid(), List.of(c.xray().sopInstanceUid())));
        ReferencedSeries ct = c.ct();
        if (ct.sopInstanceUids().isEmpty()) {
            return;
        }
        AttributeList ctSeries = series(ct.seriesInstanceUid(), ct.sopClassUid(), ct.sopInstanceUids());
        if (ct.studyInstanceUid().equals(c.xrayStudy().studyInstanceUid())) {
            sameStudy.addItem(ctSeries);
        } else {
            AttributeList study = new AttributeList();
            put(study, "StudyInstanceUID", ct.studyInstanceUid());
            sequence(study, "ReferencedSeriesSequence").addItem(ctSeries);
            sequence(l, "StudiesContainingOtherReferencedInstancesSequence").addItem(study);
        }
    }

    private static AttributeList series(String seriesInstanceUid, String sopClassUid, List<String> sopInstanceUids) throws DicomException {
        AttributeList series = new AttributeList();
        put(series, "SeriesInstanceUID", seriesInstanceUid);
        SequenceAttribute instances = sequence(series, "ReferencedInstanceSequence");
        for (String uid : sopInstanceUids) {
            instances.addItem(instance(sopClassUid, uid));
        }
        return series;
    }

    private static AttributeList instance(String sopClassUid, String sopInstanceUid) throws DicomException {
        AttributeList instance = new AttributeList();
        put(instance, "ReferencedSOPClassUID", sopClassUid);
        put(instance, "ReferencedSOPInstanceUID", sopInstanceUid);
        return instance;
    }

    private static void privateBlock(AttributeList l, RegistrationSummary s) throws DicomException {
        Attribute creator = new LongStringAttribute(new AttributeTag(PRIVATE_GROUP, 0x0010));
        creator.addValue(PRIVATE_CREATOR);
        l.put(creator);
        Attribute quality = new DecimalStringAttribute(QUALITY_SCORE);
        quality.addValue(s.qualityScore());
        l.put(quality);
        Attribute low = new LongStringAttribute(LOW_CONFIDENCE);
        low.addValue(s.lowConfidence() ? "YES" : "NO");
        l.put(low);
        Attribute level = new LongStringAttribute(VERTEBRA_LEVEL);
        level.addValue(s.vertebraLevel());
        l.put(level);
        Pose p = s.pose();
        Attribute pose = new DecimalStringAttribute(POSE);
        for (double v : new double[] {p.rx(), p.ry(), p.rz(), p.tx(), p.ty(), p.tz()}) {
            pose.addValue(v);
        }
        l.put(pose);
    }
}
