package org.vertreg.dicom;

import static org.vertreg.dicom.DicomAttributes.put;
import static org.vertreg.dicom.DicomAttributes.putDecimals;
import static org.vertreg.dicom.DicomAttributes.sequence;
import static org.vertreg.dicom.DicomAttributes.tag;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTagAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.vertreg.imaging.LabelMap;
import org.vertreg.imaging.VolumeGrid;

/**
 * Writes a {@link LabelMap} as one BINARY DICOM Segmentation (1.2.840.10008.5.1.4.1.1.66.4) of an existing CT
 * series, in the CT's study and frame of reference.
 *
 * <p>One segment per label present, in ascending label order. Segment Label is the label's name (from the options'
 * id → name map, else "Label N") and Segment Description is {@code "label id N"}, which {@link SegmentationReader}
 * parses to restore the original ids. Vertebra names C1…L5 get their SNOMED CT vertebra code (CID 7603) as
 * Segmented Property Type, other labels the generic "Anatomical Structure". A segment has a frame only for the
 * CT slices where it is non-empty; each frame references its CT slice in the Derivation Image Sequence.
 */
public final class SegmentationWriter {

    private static final String SERIES_NUMBER = "2";  // the series after the CT that CtSeriesWriter numbers 1
    private static final String[] CATEGORY = {"91723000", "SCT", "Anatomical Structure"};
    private static final String[] ANATOMICAL_STRUCTURE = {"123037004", "SCT", "Anatomical Structure"};
    private static final Map<String, String> VERTEBRA_CODES = Map.ofEntries(
            Map.entry("C1", "14806007"), Map.entry("C2", "39976000"), Map.entry("C3", "113205007"), Map.entry("C4", "5329002"),
            Map.entry("C5", "36978003"), Map.entry("C6", "36054005"), Map.entry("C7", "87391001"), Map.entry("T1", "64864005"),
            Map.entry("T2", "53733008"), Map.entry("T3", "1626008"), Map.entry("T4", "73071006"), Map.entry("T5", "56401006"),
            Map.entry("T6", "45296009"), Map.entry("T7", "62487009"), Map.entry("T8", "11068009"), Map.entry("T9", "82687006"),
            Map.entry("T10", "7610001"), Map.entry("T11", "12989004"), Map.entry("T12", "23215003"), Map.entry("L1", "66794005"),
            Map.entry("L2", "14293000"), Map.entry("L3", "36470004"), Map.entry("L4", "11994002"), Map.entry("L5", "49668003"));
    /** Patient, study and frame-of-reference attributes copied from the CT so that the SEG joins its study. */
    private static final List<String> FROM_CT = List.of("PatientName", "PatientID", "PatientBirthDate", "PatientSex",
            "StudyInstanceUID", "StudyDate", "StudyTime", "ReferringPhysicianName", "StudyID", "AccessionNumber",
            "FrameOfReferenceUID", "PositionReferenceIndicator");

    /**
     * @param algorithmName the program that made the labels: segments are AUTOMATIC with this name, or MANUAL when empty
     * @param labelNames    label id → Segment Label; labels not in the map are called "Label N"
     */
    public record Options(String seriesDescription, String algorithmName, Map<Integer, String> labelNames) {

        public Options {
            seriesDescription = seriesDescription == null ? "" : seriesDescription.strip();
            algorithmName = algorithmName == null ? "" : algorithmName.strip();
            labelNames = Map.copyOf(labelNames);
        }

        public static Options defaults() {
            return new Options("Segmentation", "", Map.of());
        }
    }

    /** One segment as written: its number in the SEG, the label id it encodes, its label and how many frames it has. */
    public record Segment(int number, int labelId, String label, int frames) {}

    public record WrittenSegmentation(String seriesInstanceUid, String sopInstanceUid, List<Segment> segments, Path file) {}

    private final Clock clock;

    public SegmentationWriter() {
        this(Clock.systemDefaultZone());
    }

    public SegmentationWriter(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param ctFiles the CT series' files, in any order; their slices must be the label map's k slices
     * @throws IllegalArgumentException if the label map has no labels or its grid is not the CT's
     */
    public WrittenSegmentation write(LabelMap labels, List<Path> ctFiles, Options options, Path file) throws IOException {
        int[] present = labels.presentLabels();
        if (present.length == 0) {
            throw new IllegalArgumentException("the label map holds no labels, so there is nothing to segment");
        }
        try {
            CtSlices ct = CtSlices.match(labels.grid(), ctFiles);
            AttributeList l = new AttributeList();
            List<Segment> segments = header(l, labels, present, ct, options);
            String sopInstanceUid = Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPInstanceUID);
            Part10Writer.write(l, file);
            return new WrittenSegmentation(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SeriesInstanceUID),
                    sopInstanceUid, segments, file);
        } catch (DicomException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private List<Segment> header(AttributeList l, LabelMap labels, int[] present, CtSlices ct, Options o) throws DicomException {
        VolumeGrid g = labels.grid();
        Part10Writer.Stamp now = Part10Writer.Stamp.now(clock);
        String date = now.date(), time = now.time();
        put(l, "SOPClassUID", SOPClass.SegmentationStorage);
        put(l, "SOPInstanceUID", UidGenerator.newUid());
        for (String keyword : FROM_CT) {
            Attribute a = ct.first().get(tag(keyword));
            if (a != null) {
                l.put(a);
            } else {
                put(l, keyword);
            }
        }
        copyIfPresent(ct.first(), l, "SpecificCharacterSet");
        copyIfPresent(ct.first(), l, "StudyDescription");
        put(l, "Modality", "SEG");
        put(l, "SeriesInstanceUID", UidGenerator.newUid());
        put(l, "SeriesNumber", SERIES_NUMBER);
        put(l, "SeriesDate", date);
        put(l, "SeriesTime", time);
        if (!o.seriesDescription().isEmpty()) {
            put(l, "SeriesDescription", o.seriesDescription());
        }
        // Enhanced General Equipment (all Type 1) and General Image
        put(l, "Manufacturer", "Vertreg");
        put(l, "ManufacturerModelName", "Vertreg");
        put(l, "DeviceSerialNumber", "1");
        put(l, "SoftwareVersions", Part10Writer.softwareVersion());
        put(l, "InstanceNumber", "1");
        put(l, "ContentDate", date);
        put(l, "ContentTime", time);
        // Segmentation Image
        put(l, "ImageType", "DERIVED", "PRIMARY");
        put(l, "ContentLabel", "SEGMENTATION");
        put(l, "ContentDescription", o.seriesDescription());
        put(l, "ContentCreatorName");
        put(l, "SegmentationType", "BINARY");
        put(l, "LossyImageCompression", "00");
        Part10Writer.putMonochromePixelModule(l, g.ny(), g.nx(), 1, false);

        Frames frames = Frames.of(labels, present);
        SequenceAttribute segmentSequence = sequence(l, "SegmentSequence");
        List<Segment> segments = new ArrayList<>();
        for (int s = 0; s < present.length; s++) {
            String name = o.labelNames().getOrDefault(present[s], "Label " + present[s]);
            segmentSequence.addItem(segmentItem(s + 1, present[s], name, o.algorithmName()));
            segments.add(new Segment(s + 1, present[s], name, frames.countOf(s)));
        }
        dimensions(l);
        put(l, "NumberOfFrames", Integer.toString(frames.count()));
        AttributeList shared = new AttributeList();
        AttributeList measures = item(shared, "PixelMeasuresSequence");
        putDecimals(measures, "PixelSpacing", g.spacing()[1], g.spacing()[0]);
        putDecimals(measures, "SliceThickness", g.spacing()[2]);
        putDecimals(measures, "SpacingBetweenSlices", g.spacing()[2]);
        double[] d = g.direction();
        putDecimals(item(shared, "PlaneOrientationSequence"), "ImageOrientationPatient", d[0], d[3], d[6], d[1], d[4], d[7]);
        sequence(l, "SharedFunctionalGroupsSequence").addItem(shared);
        SequenceAttribute perFrame = sequence(l, "PerFrameFunctionalGroupsSequence");
        for (int f = 0; f < frames.count(); f++) {
            perFrame.addItem(frameItem(g, frames.segmentOf(f) + 1, frames.sliceOf(f), ct));
        }
        referencedSeries(l, ct, frames);
        OtherByteAttribute pixels = new OtherByteAttribute(TagFromName.PixelData);
        pixels.setValues(frames.packedBits(labels, present));
        l.put(pixels);
        return segments;
    }

    private static AttributeList segmentItem(int number, int labelId, String name, String algorithmName) throws DicomException {
        AttributeList s = new AttributeList();
        put(s, "SegmentNumber", Integer.toString(number));
        put(s, "SegmentLabel", name);
        put(s, "SegmentDescription", "label id " + labelId);
        put(s, "SegmentAlgorithmType", algorithmName.isEmpty() ? "MANUAL" : "AUTOMATIC");
        if (!algorithmName.isEmpty()) {
            put(s, "SegmentAlgorithmName", algorithmName);
        }
        code(s, "SegmentedPropertyCategoryCodeSequence", CATEGORY);
        String vertebra = VERTEBRA_CODES.get(name);
        code(s, "SegmentedPropertyTypeCodeSequence", vertebra == null ? ANATOMICAL_STRUCTURE : new String[] {vertebra, "SCT", name + " vertebra"});
        return s;
    }

    /** Frames are indexed by segment number, then by position (slice k + 1). */
    private static void dimensions(AttributeList l) throws DicomException {
        String organization = UidGenerator.newUid();
        put(item(l, "DimensionOrganizationSequence"), "DimensionOrganizationUID", organization);
        put(l, "DimensionOrganizationType", "3D");
        SequenceAttribute index = sequence(l, "DimensionIndexSequence");
        String[][] dimensions = {{"ReferencedSegmentNumber", "SegmentIdentificationSequence", "Segment Number"},
                                 {"ImagePositionPatient", "PlanePositionSequence", "Image Position Patient"}};
        for (String[] dimension : dimensions) {
            AttributeList d = new AttributeList();
            put(d, "DimensionOrganizationUID", organization);
            AttributeTagAttribute pointer = new AttributeTagAttribute(TagFromName.DimensionIndexPointer);
            pointer.addValue(tag(dimension[0]));
            d.put(pointer);
            AttributeTagAttribute group = new AttributeTagAttribute(TagFromName.FunctionalGroupPointer);
            group.addValue(tag(dimension[1]));
            d.put(group);
            put(d, "DimensionDescriptionLabel", dimension[2]);
            index.addItem(d);
        }
    }

    private static AttributeList frameItem(VolumeGrid g, int segmentNumber, int k, CtSlices ct) throws DicomException {
        AttributeList f = new AttributeList();
        AttributeList derivation = item(f, "DerivationImageSequence");
        code(derivation, "DerivationCodeSequence", new String[] {"113076", "DCM", "Segmentation"});
        AttributeList source = item(derivation, "SourceImageSequence");
        put(source, "ReferencedSOPClassUID", ct.sopClassUid(k));
        put(source, "ReferencedSOPInstanceUID", ct.sopInstanceUid(k));
        code(source, "PurposeOfReferenceCodeSequence", new String[] {"121322", "DCM", "Source image for image processing operation"});
        put(item(f, "FrameContentSequence"), "DimensionIndexValues", Integer.toString(segmentNumber), Integer.toString(k + 1));
        double[] position = g.toPatient(0, 0, k);
        putDecimals(item(f, "PlanePositionSequence"), "ImagePositionPatient", position[0], position[1], position[2]);
        put(item(f, "SegmentIdentificationSequence"), "ReferencedSegmentNumber", Integer.toString(segmentNumber));
        return f;
    }

    /** Common Instance Reference: the CT series and the slices the frames derive from. */
    private static void referencedSeries(AttributeList l, CtSlices ct, Frames frames) throws DicomException {
        AttributeList series = item(l, "ReferencedSeriesSequence");
        put(series, "SeriesInstanceUID", Attribute.getSingleStringValueOrEmptyString(ct.first(), TagFromName.SeriesInstanceUID));
        SequenceAttribute instances = sequence(series, "ReferencedInstanceSequence");
        for (int k : frames.slicesUsed()) {
            AttributeList instance = new AttributeList();
            put(instance, "ReferencedSOPClassUID", ct.sopClassUid(k));
            put(instance, "ReferencedSOPInstanceUID", ct.sopInstanceUid(k));
            instances.addItem(instance);
        }
    }

    private static void copyIfPresent(AttributeList from, AttributeList to, String keyword) {
        Attribute a = from.get(tag(keyword));
        if (a != null) {
            to.put(a);
        }
    }

    private static void code(AttributeList list, String keyword, String[] code) throws DicomException {
        AttributeList c = item(list, keyword);
        put(c, "CodeValue", code[0]);
        put(c, "CodingSchemeDesignator", code[1]);
        put(c, "CodeMeaning", code[2]);
    }

    /** Adds a sequence holding one new item and returns that item. */
    private static AttributeList item(AttributeList list, String keyword) {
        AttributeList item = new AttributeList();
        sequence(list, keyword).addItem(item);
        return item;
    }

    /** The frames to write: for each segment in turn, the slices where its label occurs, by ascending k. */
    private static final class Frames {
        private final int[] segment, slice, framesPerSegment;

        private Frames(int[] segment, int[] slice, int[] framesPerSegment) {
            this.segment = segment;
            this.slice = slice;
            this.framesPerSegment = framesPerSegment;
        }

        static Frames of(LabelMap labels, int[] present) {
            VolumeGrid g = labels.grid();
            int[] segmentOfLabel = new int[65536];
            for (int s = 0; s < present.length; s++) {
                segmentOfLabel[present[s]] = s;
            }
            boolean[][] occupied = new boolean[present.length][g.nz()];
            short[] l = labels.labels();
            int perSlice = g.nx() * g.ny();
            for (int v = 0; v < l.length; v++) {
                if (l[v] != 0) {
                    occupied[segmentOfLabel[l[v] & 0xFFFF]][v / perSlice] = true;
                }
            }
            List<int[]> frames = new ArrayList<>();
            int[] perSegment = new int[present.length];
            for (int s = 0; s < present.length; s++) {
                for (int k = 0; k < g.nz(); k++) {
                    if (occupied[s][k]) {
                        frames.add(new int[] {s, k});
                        perSegment[s]++;
                    }
                }
            }
            return new Frames(frames.stream().mapToInt(f -> f[0]).toArray(), frames.stream().mapToInt(f -> f[1]).toArray(), perSegment);
        }

        int count() {
            return segment.length;
        }

        int segmentOf(int frame) {
            return segment[frame];
        }

        int sliceOf(int frame) {
            return slice[frame];
        }

        int countOf(int segmentIndex) {
            return framesPerSegment[segmentIndex];
        }

        int[] slicesUsed() {
            return Arrays.stream(slice).distinct().sorted().toArray();
        }

        /** BINARY pixel data: one bit per pixel, frames back to back, least significant bit first, padded to even length. */
        byte[] packedBits(LabelMap labels, int[] present) {
            int perSlice = labels.grid().nx() * labels.grid().ny();
            long bits = (long) count() * perSlice;
            if (bits > 8L * (Integer.MAX_VALUE - 8)) {
                throw new IllegalArgumentException("segmentation too large for one DICOM instance: " + bits + " bits");
            }
            byte[] out = new byte[(int) ((bits + 15) / 16 * 2)];
            short[] l = labels.labels();
            for (int f = 0; f < count(); f++) {
                short label = (short) present[segment[f]];
                int base = slice[f] * perSlice;
                long firstBit = (long) f * perSlice;
                for (int p = 0; p < perSlice; p++) {
                    if (l[base + p] == label) {
                        long bit = firstBit + p;
                        out[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
                    }
                }
            }
            return out;
        }
    }
}
