package org.vertreg.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vertreg.imaging.LabelMap;
import org.vertreg.imaging.VolumeGrid;

/**
 * Reads a BINARY DICOM Segmentation back into a {@link LabelMap} on the grid of the CT it segments.
 *
 * <p>Each frame is placed on the grid slice its Image Position (Patient) falls on; frames must have the grid's rows,
 * columns and in-plane axes. A segment's voxels get the label id written in its Segment Description as
 * {@code "label id N"} (as {@link SegmentationWriter} does); segments without one get their Segment Number. Where
 * segments overlap, the frame that comes later in the file wins.
 */
public final class SegmentationReader {

    private static final Pattern LABEL_ID = Pattern.compile("label id (\\d+)", Pattern.CASE_INSENSITIVE);
    private static final AttributeTag SEGMENT_DESCRIPTION = DicomDictionary.StandardDictionary.getTagFromName("SegmentDescription");

    private SegmentationReader() {}

    public static LabelMap read(Path segFile, VolumeGrid grid) throws IOException {
        AttributeList l = new AttributeList();
        try {
            l.read(segFile.toFile());
            return labels(l, grid, segFile);
        } catch (DicomException e) {
            throw new IOException("cannot read " + segFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * What each label of a segmentation is called: label id (as {@link #read} gives it) → Segment Label ("L3"), without
     * reading the frames. A segment without a label is left out.
     */
    public static Map<Integer, String> segmentLabels(Path segFile) throws IOException {
        AttributeList l = new AttributeList();
        try {
            l.read(segFile.toFile(), TagFromName.PixelData);
        } catch (DicomException e) {
            throw new IOException("cannot read " + segFile + ": " + e.getMessage(), e);
        }
        Map<Integer, Short> ids = labelIds(l);
        SequenceAttribute segments = (SequenceAttribute) l.get(TagFromName.SegmentSequence);
        Map<Integer, String> names = new java.util.TreeMap<>();
        for (int s = 0; s < segments.getNumberOfItems(); s++) {
            AttributeList item = segments.getItem(s).getAttributeList();
            int number = Attribute.getSingleIntegerValueOrDefault(item, TagFromName.SegmentNumber, -1);
            String label = Attribute.getSingleStringValueOrEmptyString(item, TagFromName.SegmentLabel).trim();
            if (!label.isEmpty() && ids.containsKey(number)) {
                names.put((int) ids.get(number), label);
            }
        }
        return names;
    }

    private static LabelMap labels(AttributeList l, VolumeGrid g, Path file) throws DicomException, IOException {
        if (!SOPClass.SegmentationStorage.equals(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPClassUID))) {
            throw new IOException(file + " is not a DICOM Segmentation");
        }
        String type = Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SegmentationType);
        if (!type.equals("BINARY")) {
            throw new IOException(file + ": only BINARY segmentations are supported, not " + type);
        }
        int rows = Attribute.getSingleIntegerValueOrDefault(l, TagFromName.Rows, 0);
        int columns = Attribute.getSingleIntegerValueOrDefault(l, TagFromName.Columns, 0);
        if (rows != g.ny() || columns != g.nx()) {
            throw new IOException(file + ": frames of " + rows + " × " + columns + " do not fit the grid's " + g.ny() + " × " + g.nx());
        }
        Map<Integer, Short> labelOfSegment = labelIds(l);
        AttributeList shared = SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(l, TagFromName.SharedFunctionalGroupsSequence);
        SequenceAttribute perFrame = (SequenceAttribute) l.get(TagFromName.PerFrameFunctionalGroupsSequence);
        int frames = Attribute.getSingleIntegerValueOrDefault(l, TagFromName.NumberOfFrames, 1);
        if (perFrame == null || perFrame.getNumberOfItems() != frames) {
            throw new IOException(file + ": needs one Per-frame Functional Groups item per frame");
        }
        byte[] bits = l.getPixelData().getByteValues();
        int perSlice = columns * rows;
        if ((long) bits.length * 8 < (long) frames * perSlice) {
            throw new IOException(file + ": pixel data holds fewer than " + frames + " frames");
        }
        short[] labels = new short[g.voxelCount()];
        for (int f = 0; f < frames; f++) {
            AttributeList item = perFrame.getItem(f).getAttributeList();
            checkOrientation(functionalGroup(item, shared, TagFromName.PlaneOrientationSequence), g, file, f);
            int k = slice(functionalGroup(item, shared, TagFromName.PlanePositionSequence), g, file, f);
            int segment = Attribute.getSingleIntegerValueOrDefault(
                    functionalGroup(item, shared, TagFromName.SegmentIdentificationSequence), TagFromName.ReferencedSegmentNumber, -1);
            Short label = labelOfSegment.get(segment);
            if (label == null) {
                throw new IOException(file + ": frame " + (f + 1) + " refers to segment " + segment + ", which is not in the Segment Sequence");
            }
            long firstBit = (long) f * perSlice;
            int base = k * perSlice;
            for (int p = 0; p < perSlice; p++) {
                long bit = firstBit + p;
                if ((bits[(int) (bit >>> 3)] & (1 << (bit & 7))) != 0) {
                    labels[base + p] = label;
                }
            }
        }
        return new LabelMap(g, labels);
    }

    /** Segment Number → label id, from "label id N" in the Segment Description, else the Segment Number itself. */
    private static Map<Integer, Short> labelIds(AttributeList l) throws IOException {
        SequenceAttribute segments = (SequenceAttribute) l.get(TagFromName.SegmentSequence);
        if (segments == null) {
            throw new IOException("no Segment Sequence");
        }
        Map<Integer, Short> ids = new HashMap<>();
        for (int s = 0; s < segments.getNumberOfItems(); s++) {
            AttributeList item = segments.getItem(s).getAttributeList();
            int number = Attribute.getSingleIntegerValueOrDefault(item, TagFromName.SegmentNumber, -1);
            Matcher m = LABEL_ID.matcher(Attribute.getSingleStringValueOrEmptyString(item, SEGMENT_DESCRIPTION));
            int id = m.find() ? Integer.parseInt(m.group(1)) : number;
            if (id < 1 || id > 65535) {
                throw new IOException("segment " + number + " has label id " + id + ", outside 1..65535");
            }
            ids.put(number, (short) id);
        }
        return ids;
    }

    /** The single item of a functional group, per-frame if present there, else shared. */
    private static AttributeList functionalGroup(AttributeList frame, AttributeList shared, AttributeTag group) {
        AttributeList item = SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(frame, group);
        if (item == null && shared != null) {
            item = SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(shared, group);
        }
        return item == null ? new AttributeList() : item;
    }

    private static void checkOrientation(AttributeList plane, VolumeGrid g, Path file, int f) throws IOException {
        double[] o = Attribute.getDoubleValues(plane, TagFromName.ImageOrientationPatient);
        double[] d = g.direction();
        double[] expected = {d[0], d[3], d[6], d[1], d[4], d[7]};
        if (o == null || o.length != 6) {
            throw new IOException(file + ": frame " + (f + 1) + " has no Image Orientation (Patient)");
        }
        for (int c = 0; c < 6; c++) {
            if (Math.abs(o[c] - expected[c]) > 1e-3) {
                throw new IOException(file + ": frame " + (f + 1) + " is not parallel to the grid's axes i, j");
            }
        }
    }

    /** The grid slice k whose voxel (0, 0, k) is the frame's Image Position (Patient), within a tenth of a voxel. */
    private static int slice(AttributeList plane, VolumeGrid g, Path file, int f) throws IOException {
        double[] p = Attribute.getDoubleValues(plane, TagFromName.ImagePositionPatient);
        if (p == null || p.length != 3) {
            throw new IOException(file + ": frame " + (f + 1) + " has no Image Position (Patient)");
        }
        double[] ijk = g.toIndex(p[0], p[1], p[2]);
        int k = (int) Math.round(ijk[2]);
        if (Math.abs(ijk[0]) > 0.1 || Math.abs(ijk[1]) > 0.1 || Math.abs(ijk[2] - k) > 0.1 || k < 0 || k >= g.nz()) {
            throw new IOException(file + ": frame " + (f + 1) + " at " + Arrays.toString(p) + " lies on no slice of " + g);
        }
        return k;
    }
}
