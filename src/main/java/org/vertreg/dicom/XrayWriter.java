package org.vertreg.dicom;

import static org.vertreg.dicom.DicomAttributes.put;
import static org.vertreg.dicom.DicomAttributes.putDecimals;
import static org.vertreg.dicom.DicomAttributes.putIfNotEmpty;
import static org.vertreg.dicom.DicomAttributes.sequence;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FloatDoubleAttribute;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.Vector3;

/**
 * Writes a simulated X-ray (a DRR or its low-dose version) as a Digital X-Ray Image Storage – For Presentation instance
 * (1.2.840.10008.5.1.4.1.1.1.1, modality DX), explicit VR little endian, with the C-arm geometry that made it and the
 * true pose of the vertebra.
 *
 * <p><b>Pixels.</b> The input is the grey image the network sees (0..255, row-major, pixel (c, r) at r·columns + c,
 * see {@code DrrImageMapping}). It is stored MONOCHROME2, 16-bit unsigned, as {@code round(grey · 257)} clamped to
 * 0..65535, so grey 255 is 65535 and {@code stored / 257} gives the grey value back exactly for integral input.
 * Rescale is the identity (Rescale Type US); Window Center 32767.5 / Width 65536 shows the whole range as the
 * 8-bit image looks. Bone is bright: Pixel Intensity Relationship LIN with sign −1 (higher value, less beam intensity;
 * the clean DRR mapping 255·(1 − exp(−p)) is exactly linear in the transmitted intensity).
 *
 * <p><b>Geometry.</b> Distance Source to Detector (0018,1110) = SDD, Distance Source to Patient (0018,1111) = SOD
 * (source to isocentre), Imager Pixel Spacing (0018,1164) = detector pitch, Estimated Radiographic Magnification Factor
 * (0018,1114) = SDD/SOD, Positioner Type (0018,1508) CARM, Positioner Primary/Secondary Angle (0018,1510/1511) and Patient Orientation (0020,0020)
 * from {@link CarmGeometry}.
 *
 * <p><b>True pose.</b> Written twice. Image Comments (0020,4000):
 * {@code vertreg true pose rx=… ry=… rz=… tx=… ty=… tz=… centroid=x\y\z} (degrees, mm, LPS; up to 17 significant
 * digits). And a private block, private creator {@value #PRIVATE_CREATOR} at (0071,0010), so its elements are
 * (0071,1001) FD, 6 values: rx, ry, rz (degrees), tx, ty, tz (mm), the pose of DESIGN.md §1; and (0071,1002) FD,
 * 3 values: the centroid x, y, z (LPS, mm) that the rotations turn about. {@link #readTruePose} prefers the private
 * block (exact doubles) and falls back to the comment.
 */
public final class XrayWriter {

    /** SOP Class UID of Digital X-Ray Image Storage – For Presentation. */
    public static final String DX_FOR_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.1";
    public static final String PRIVATE_CREATOR = "VERTREG 1.0";
    static final int PRIVATE_GROUP = 0x0071;
    static final AttributeTag POSITIONER_TYPE = new AttributeTag(0x0018, 0x1508);
    static final AttributeTag POSITIONER_PRIMARY_ANGLE = new AttributeTag(0x0018, 0x1510);
    static final AttributeTag POSITIONER_SECONDARY_ANGLE = new AttributeTag(0x0018, 0x1511);
    static final AttributeTag IMAGER_PIXEL_SPACING = new AttributeTag(0x0018, 0x1164);
    static final String COMMENT_PREFIX = "vertreg true pose";
    /** Stored value per grey level: 65535 / 255. */
    public static final int GREY_TO_STORED = 257;

    /** SNOMED CT "Spine" (CID 4031), the Anatomic Region for Body Part Examined SPINE. */
    private static final String[] SPINE_CODE = {"421060004", "SCT", "Spine"};

    /**
     * Patient, study and series facts; empty UIDs mean new ones. Give the Study Instance UID of an existing study to
     * add the X-ray to it, and the same Series Instance UID to several images to make one series.
     */
    public record Options(String patientId, String patientName, String studyInstanceUid, String seriesInstanceUid,
                          String seriesDescription, String bodyPartExamined, int instanceNumber) {

        public Options {
            patientId = DicomAttributes.checkedText(patientId, 64, "Patient ID");
            patientName = DicomAttributes.checkedText(patientName, 64, "Patient's Name");
            studyInstanceUid = checkedUid(studyInstanceUid, "Study Instance UID");
            seriesInstanceUid = checkedUid(seriesInstanceUid, "Series Instance UID");
            seriesDescription = DicomAttributes.checkedText(seriesDescription, 64, "Series Description");
            bodyPartExamined = DicomAttributes.checkedText(bodyPartExamined, 16, "Body Part Examined");
            if (!bodyPartExamined.matches("[A-Z0-9 _]+")) {
                throw new IllegalArgumentException("Body Part Examined is a non-empty code string (A-Z, 0-9, space, _): " + bodyPartExamined);
            }
            if (instanceNumber < 1) {
                throw new IllegalArgumentException("Instance Number must be positive: " + instanceNumber);
            }
        }

        public static Options defaults() {
            return new Options("", "", "", "", "Simulated X-ray", "SPINE", 1);
        }

        public Options withPatientId(String v) {
            return new Options(v, patientName, studyInstanceUid, seriesInstanceUid, seriesDescription, bodyPartExamined, instanceNumber);
        }

        public Options withPatientName(String v) {
            return new Options(patientId, v, studyInstanceUid, seriesInstanceUid, seriesDescription, bodyPartExamined, instanceNumber);
        }

        public Options withStudyInstanceUid(String v) {
            return new Options(patientId, patientName, v, seriesInstanceUid, seriesDescription, bodyPartExamined, instanceNumber);
        }

        public Options withSeriesInstanceUid(String v) {
            return new Options(patientId, patientName, studyInstanceUid, v, seriesDescription, bodyPartExamined, instanceNumber);
        }

        public Options withSeriesDescription(String v) {
            return new Options(patientId, patientName, studyInstanceUid, seriesInstanceUid, v, bodyPartExamined, instanceNumber);
        }

        public Options withBodyPartExamined(String v) {
            return new Options(patientId, patientName, studyInstanceUid, seriesInstanceUid, seriesDescription, v, instanceNumber);
        }

        public Options withInstanceNumber(int v) {
            return new Options(patientId, patientName, studyInstanceUid, seriesInstanceUid, seriesDescription, bodyPartExamined, v);
        }

        private static String checkedUid(String value, String name) {
            String v = value == null ? "" : value.strip();
            if (!v.isEmpty() && !Uids.isValid(v)) {
                throw new IllegalArgumentException(name + " is not a valid UID: " + v);
            }
            return v;
        }
    }

    /** The UIDs of a written X-ray. */
    public record WrittenXray(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid, Path file) {}

    /** The pose a simulated X-ray was made with and the centroid its rotations turn about (LPS, mm). */
    public record TruePose(Pose pose, Vector3 centroid) {
        /** A true pose counts as a vertebra's when its centroid lies this close to the vertebra's, mm. */
        public static final double SAME_VERTEBRA_MM = 1.0;

        /** How far this pose's centroid lies from {@code vertebraCentroid}, mm. */
        public double offsetMm(Vector3 vertebraCentroid) {
            return centroid.minus(vertebraCentroid).norm();
        }
    }

    private final Clock clock;

    public XrayWriter() {
        this(Clock.systemDefaultZone());
    }

    public XrayWriter(Clock clock) {
        this.clock = clock;
    }

    /**
     * Writes {@code file} (parent directories created).
     *
     * @param grey     the image, 0..255, {@code carm.columns() × carm.rows()} row-major
     * @param carm     the C-arm that made it
     * @param truePose the vertebra's pose and centroid in the CT
     */
    public WrittenXray write(float[] grey, CarmGeometry carm, TruePose truePose, Options options, Path file) throws IOException {
        if (grey.length != carm.columns() * carm.rows()) {
            throw new IllegalArgumentException("image of " + grey.length + " values is not " + carm.columns() + "x" + carm.rows());
        }
        String study = options.studyInstanceUid().isEmpty() ? UidGenerator.newUid() : options.studyInstanceUid();
        String series = options.seriesInstanceUid().isEmpty() ? UidGenerator.newUid() : options.seriesInstanceUid();
        String sop = UidGenerator.newUid();
        try {
            Part10Writer.write(attributes(grey, carm, truePose, options, study, series, sop, Part10Writer.Stamp.now(clock)), file);
        } catch (DicomException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return new WrittenXray(study, series, sop, file);
    }

    private static AttributeList attributes(float[] grey, CarmGeometry carm, TruePose truePose, Options o, String study, String series,
            String sop, Part10Writer.Stamp now) throws DicomException {
        String date = now.date(), time = now.time();
        AttributeList l = new AttributeList();
        put(l, "SOPClassUID", DX_FOR_PRESENTATION);
        put(l, "SOPInstanceUID", sop);
        // Patient, General Study
        put(l, "PatientName", o.patientName());
        put(l, "PatientID", o.patientId());
        put(l, "PatientBirthDate");
        put(l, "PatientSex");
        put(l, "StudyInstanceUID", study);
        put(l, "StudyDate", date);
        put(l, "StudyTime", time);
        put(l, "ReferringPhysicianName");
        put(l, "StudyID", "1");
        put(l, "AccessionNumber");
        // General Series, DX Series, General Equipment
        put(l, "Modality", "DX");
        put(l, "SeriesInstanceUID", series);
        put(l, "SeriesNumber", "1");
        putIfNotEmpty(l, "SeriesDescription", o.seriesDescription());
        put(l, "BodyPartExamined", o.bodyPartExamined());
        put(l, "PresentationIntentType", "FOR PRESENTATION");
        put(l, "Manufacturer", "Vertreg");
        // General Image, DX Anatomy Imaged, DX Image
        put(l, "InstanceNumber", Integer.toString(o.instanceNumber()));
        put(l, "ContentDate", date);
        put(l, "ContentTime", time);
        put(l, "AcquisitionDate", date);
        put(l, "AcquisitionTime", time);
        put(l, "ImageType", "DERIVED", "PRIMARY");
        put(l, "DerivationDescription", "Digitally reconstructed radiograph of a CT");
        put(l, "PatientOrientation", carm.patientOrientation().split("\\\\"));
        put(l, "ImageLaterality", "U");
        SequenceAttribute region = sequence(l, "AnatomicRegionSequence");
        AttributeList code = new AttributeList();
        put(code, "CodeValue", SPINE_CODE[0]);
        put(code, "CodingSchemeDesignator", SPINE_CODE[1]);
        put(code, "CodeMeaning", SPINE_CODE[2]);
        region.addItem(code);
        put(l, "ImageComments", comment(truePose));
        put(l, "BurnedInAnnotation", "NO");
        put(l, "LossyImageCompression", "00");
        put(l, "PixelIntensityRelationship", "LIN");
        put(l, "PixelIntensityRelationshipSign", "-1");
        put(l, "RescaleIntercept", "0");
        put(l, "RescaleSlope", "1");
        put(l, "RescaleType", "US");
        put(l, "PresentationLUTShape", "IDENTITY");
        put(l, "WindowCenter", "32767.5");
        put(l, "WindowWidth", "65536");
        // DX Detector, DX Positioning
        put(l, "DetectorType");
        Attribute spacing = new com.pixelmed.dicom.DecimalStringAttribute(IMAGER_PIXEL_SPACING);
        spacing.addValue(carm.pixelSpacingMm());
        spacing.addValue(carm.pixelSpacingMm());
        l.put(spacing);
        putDecimals(l, "DistanceSourceToDetector", carm.sourceToDetectorMm());
        putDecimals(l, "DistanceSourceToPatient", carm.sourceToIsocentreMm());
        putDecimals(l, "EstimatedRadiographicMagnificationFactor", carm.magnification());
        Attribute positionerType = new com.pixelmed.dicom.CodeStringAttribute(POSITIONER_TYPE);
        positionerType.addValue("CARM");
        l.put(positionerType);
        Attribute primary = new com.pixelmed.dicom.DecimalStringAttribute(POSITIONER_PRIMARY_ANGLE);
        primary.addValue(carm.primaryAngleDegrees());
        l.put(primary);
        Attribute secondary = new com.pixelmed.dicom.DecimalStringAttribute(POSITIONER_SECONDARY_ANGLE);
        secondary.addValue(carm.secondaryAngleDegrees());
        l.put(secondary);
        // Acquisition Context
        sequence(l, "AcquisitionContextSequence");
        // Image Pixel
        Part10Writer.putMonochromePixelModule(l, carm.rows(), carm.columns(), 16, false);
        Attribute pixels = new OtherWordAttribute(TagFromName.PixelData);
        pixels.setValues(stored(grey));
        l.put(pixels);
        // The true pose, exactly, in a private block.
        Pose p = truePose.pose();
        Vector3 c = truePose.centroid();
        Attribute creator = new LongStringAttribute(new AttributeTag(PRIVATE_GROUP, 0x0010));
        creator.addValue(PRIVATE_CREATOR);
        l.put(creator);
        Attribute pose = new FloatDoubleAttribute(new AttributeTag(PRIVATE_GROUP, 0x1001));
        for (double v : new double[] {p.rx(), p.ry(), p.rz(), p.tx(), p.ty(), p.tz()}) {
            pose.addValue(v);
        }
        l.put(pose);
        Attribute centroid = new FloatDoubleAttribute(new AttributeTag(PRIVATE_GROUP, 0x1002));
        for (double v : new double[] {c.x(), c.y(), c.z()}) {
            centroid.addValue(v);
        }
        l.put(centroid);
        l.insertSuitableSpecificCharacterSetForAllStringValues();
        return l;
    }

    /** The Image Comments text that carries the true pose. */
    static String comment(TruePose t) {
        Pose p = t.pose();
        Vector3 c = t.centroid();
        return String.format(Locale.ROOT, "%s rx=%s ry=%s rz=%s tx=%s ty=%s tz=%s centroid=%s\\%s\\%s", COMMENT_PREFIX,
                num(p.rx()), num(p.ry()), num(p.rz()), num(p.tx()), num(p.ty()), num(p.tz()), num(c.x()), num(c.y()), num(c.z()));
    }

    private static String num(double v) {
        return Double.toString(v);
    }

    private static short[] stored(float[] grey) {
        short[] out = new short[grey.length];
        for (int i = 0; i < grey.length; i++) {
            float g = grey[i];
            long v = Float.isNaN(g) ? 0 : Math.round(g * (double) GREY_TO_STORED);
            out[i] = (short) Math.max(0, Math.min(65535, v));
        }
        return out;
    }
}
