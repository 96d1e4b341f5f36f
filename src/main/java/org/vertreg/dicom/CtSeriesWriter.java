package org.vertreg.dicom;

import static org.vertreg.dicom.DicomAttributes.put;
import static org.vertreg.dicom.DicomAttributes.putIfNotEmpty;
import static org.vertreg.dicom.DicomAttributes.putDecimals;
import static org.vertreg.dicom.DicomAttributes.tag;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vertreg.imaging.Volume;
import org.vertreg.imaging.VolumeGrid;

/**
 * Writes a {@link Volume} as a CT Image Storage series: one explicit VR little endian file per slice along the grid's
 * k axis, so that any DICOM viewer or archive can take a NIfTI CT.
 *
 * <p>Geometry: rows run along axis i and columns along axis j, so Image Orientation (Patient) is (u, v), Pixel
 * Spacing is {@code spacing[1]\spacing[0]} (row spacing first, as DICOM orders it) and Image Position (Patient) of
 * slice k is {@code toPatient(0, 0, k)}. Pixels are signed 16-bit HU with Rescale Intercept 0 and Slope 1: the
 * stored value is the HU, rounded to the nearest integer and clamped to −32768..32767 (NaN becomes −1024, air).
 * The images are marked DERIVED\SECONDARY because they were not reconstructed by this node.
 */
public final class CtSeriesWriter {

    private static final String SERIES_NUMBER = "1";

    /** Patient and study facts written into every slice; each value is checked against its DICOM VR's limits. */
    public record Options(String patientId, String patientName, String studyDescription, String seriesDescription,
                          String bodyPartExamined, String accessionNumber) {

        public Options {
            patientId = DicomAttributes.checkedText(patientId, 64, "Patient ID");
            patientName = DicomAttributes.checkedText(patientName, 64, "Patient's Name");
            studyDescription = DicomAttributes.checkedText(studyDescription, 64, "Study Description");
            seriesDescription = DicomAttributes.checkedText(seriesDescription, 64, "Series Description");
            bodyPartExamined = DicomAttributes.checkedText(bodyPartExamined, 16, "Body Part Examined");
            accessionNumber = DicomAttributes.checkedText(accessionNumber, 16, "Accession Number");
            if (!bodyPartExamined.matches("[A-Z0-9 _]*")) {
                throw new IllegalArgumentException("Body Part Examined is a code string (A-Z, 0-9, space, _): " + bodyPartExamined);
            }
        }

        public static Options defaults() {
            return new Options("", "", "", "CT", "", "");
        }

        public Options withPatientId(String v) {
            return new Options(v, patientName, studyDescription, seriesDescription, bodyPartExamined, accessionNumber);
        }

        public Options withPatientName(String v) {
            return new Options(patientId, v, studyDescription, seriesDescription, bodyPartExamined, accessionNumber);
        }

        public Options withStudyDescription(String v) {
            return new Options(patientId, patientName, v, seriesDescription, bodyPartExamined, accessionNumber);
        }

        public Options withSeriesDescription(String v) {
            return new Options(patientId, patientName, studyDescription, v, bodyPartExamined, accessionNumber);
        }

        public Options withBodyPartExamined(String v) {
            return new Options(patientId, patientName, studyDescription, seriesDescription, v, accessionNumber);
        }

        public Options withAccessionNumber(String v) {
            return new Options(patientId, patientName, studyDescription, seriesDescription, bodyPartExamined, v);
        }
    }

    /** The UIDs of a written series and its files, slice k at index k. */
    public record WrittenSeries(String studyInstanceUid, String seriesInstanceUid, String frameOfReferenceUid,
                                List<String> sopInstanceUids, List<Path> files) {}

    private final Clock clock;

    public CtSeriesWriter() {
        this(Clock.systemDefaultZone());
    }

    public CtSeriesWriter(Clock clock) {
        this.clock = clock;
    }

    /** Writes {@code directory/ct-0001.dcm …} (created if missing), one file per slice, in a new study. */
    public WrittenSeries write(Volume volume, Options options, Path directory) throws IOException {
        Files.createDirectories(directory);
        WrittenSeries ids = new WrittenSeries(UidGenerator.newUid(), UidGenerator.newUid(), UidGenerator.newUid(), new ArrayList<>(), new ArrayList<>());
        Part10Writer.Stamp now = Part10Writer.Stamp.now(clock);
        VolumeGrid grid = volume.grid();
        for (int k = 0; k < grid.nz(); k++) {
            String sopInstanceUid = UidGenerator.newUid();
            Path file = directory.resolve(String.format("ct-%04d.dcm", k + 1));
            try {
                Part10Writer.write(slice(volume, k, options, ids, sopInstanceUid, now), file);
            } catch (DicomException e) {
                throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
            }
            ids.sopInstanceUids().add(sopInstanceUid);
            ids.files().add(file);
        }
        return new WrittenSeries(ids.studyInstanceUid(), ids.seriesInstanceUid(), ids.frameOfReferenceUid(),
                List.copyOf(ids.sopInstanceUids()), List.copyOf(ids.files()));
    }

    private static AttributeList slice(Volume volume, int k, Options o, WrittenSeries ids, String sopInstanceUid,
            Part10Writer.Stamp now)
            throws DicomException {
        VolumeGrid g = volume.grid();
        double[] d = g.direction(), position = g.toPatient(0, 0, k);
        double[] u = {d[0], d[3], d[6]}, v = {d[1], d[4], d[7]};
        double[] normal = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
        String date = now.date(), time = now.time();
        AttributeList l = new AttributeList();
        put(l, "SOPClassUID", SOPClass.CTImageStorage);
        put(l, "SOPInstanceUID", sopInstanceUid);
        // Patient and General Study
        put(l, "PatientName", o.patientName());
        put(l, "PatientID", o.patientId());
        put(l, "PatientBirthDate");
        put(l, "PatientSex");
        put(l, "StudyInstanceUID", ids.studyInstanceUid());
        put(l, "StudyDate", date);
        put(l, "StudyTime", time);
        put(l, "ReferringPhysicianName");
        put(l, "StudyID", "1");
        put(l, "AccessionNumber", o.accessionNumber());
        putIfNotEmpty(l, "StudyDescription", o.studyDescription());
        // General Series, Frame of Reference, General Equipment
        put(l, "Modality", "CT");
        put(l, "SeriesInstanceUID", ids.seriesInstanceUid());
        put(l, "SeriesNumber", SERIES_NUMBER);
        put(l, "SeriesDate", date);
        put(l, "SeriesTime", time);
        putIfNotEmpty(l, "SeriesDescription", o.seriesDescription());
        if (o.bodyPartExamined().isEmpty()) {
            put(l, "Laterality");  // Type 2C: without a body part the structure might be paired, so it must be present
        } else {
            put(l, "BodyPartExamined", o.bodyPartExamined());
        }
        put(l, "PatientPosition", "HFS");
        put(l, "FrameOfReferenceUID", ids.frameOfReferenceUid());
        put(l, "PositionReferenceIndicator");
        put(l, "Manufacturer", "Vertreg");
        // General Image, Image Plane
        put(l, "InstanceNumber", Integer.toString(k + 1));
        put(l, "ContentDate", date);
        put(l, "ContentTime", time);
        put(l, "ImageType", "DERIVED", "SECONDARY", "AXIAL");
        put(l, "PatientOrientation", orientationLetters(u), orientationLetters(v));
        put(l, "AcquisitionNumber");
        put(l, "BurnedInAnnotation", "NO");
        putDecimals(l, "PixelSpacing", g.spacing()[1], g.spacing()[0]);
        putDecimals(l, "ImageOrientationPatient", u[0], u[1], u[2], v[0], v[1], v[2]);
        putDecimals(l, "ImagePositionPatient", position[0], position[1], position[2]);
        putDecimals(l, "SliceThickness", g.spacing()[2]);
        putDecimals(l, "SliceLocation", position[0] * normal[0] + position[1] * normal[1] + position[2] * normal[2]);
        // Image Pixel, CT Image
        Part10Writer.putMonochromePixelModule(l, g.ny(), g.nx(), 16, true);
        put(l, "RescaleIntercept", "0");
        put(l, "RescaleSlope", "1");
        put(l, "RescaleType", "HU");
        put(l, "KVP");
        Attribute pixels = new OtherWordAttribute(TagFromName.PixelData);
        pixels.setValues(storedValues(volume, k));
        l.put(pixels);
        l.insertSuitableSpecificCharacterSetForAllStringValues();
        return l;
    }

    /** Slice k in DICOM pixel order: row r (axis j) after row, column c (axis i) fastest. */
    private static short[] storedValues(Volume volume, int k) {
        VolumeGrid g = volume.grid();
        short[] stored = new short[g.nx() * g.ny()];
        float[] hu = volume.hu();
        int offset = g.index(0, 0, k);
        for (int p = 0; p < stored.length; p++) {
            float v = hu[offset + p];
            stored[p] = Float.isNaN(v) ? -1024 : (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
        }
        return stored;
    }

    /** Patient Orientation for one image axis: the LPS letters of its components, largest first (e.g. "L", "PH"). */
    static String orientationLetters(double[] axis) {
        String[] positive = {"L", "P", "H"}, negative = {"R", "A", "F"};
        Integer[] order = {0, 1, 2};
        Arrays.sort(order, (a, b) -> Double.compare(Math.abs(axis[b]), Math.abs(axis[a])));
        StringBuilder letters = new StringBuilder();
        for (int c : order) {
            if (Math.abs(axis[c]) > 1e-4) {
                letters.append(axis[c] > 0 ? positive[c] : negative[c]);
            }
        }
        return letters.toString();
    }




}
