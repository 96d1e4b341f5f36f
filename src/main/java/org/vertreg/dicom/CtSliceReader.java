package org.vertreg.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.ValueRepresentation;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vertreg.imaging.CtSlice;

/**
 * Reads CT images (CT Image, Enhanced CT and Legacy Converted Enhanced CT Storage) as {@link CtSlice}s in HU,
 * one per frame.
 *
 * <p>PixelMed decodes compressed pixel data while reading, through the ImageIO codecs on the class path
 * (its own for JPEG lossless, the JDK's for 8-bit JPEG, jai-imageio for JPEG 2000; RLE and deflate built in).
 * None on the class path decodes JPEG-LS or 12-bit lossy JPEG: {@link #undecodableReason} names such files.
 * Stored values are taken from Bits Stored and High Bit, sign-extended when Pixel Representation is 1, then
 * Rescale Slope and Intercept (1 and 0 when absent) give HU. Multi-frame images take each frame's geometry and
 * rescale from its Per-frame Functional Groups, falling back to the Shared Functional Groups.
 */
public final class CtSliceReader {

    /** The file is DICOM but cannot become CT slices; the message names the attribute at fault. */
    public static final class UnusableSliceException extends IOException {
        public UnusableSliceException(String message) {
            super(message);
        }
    }

    private static final Set<String> CT_SOP_CLASSES = Set.of(SOPClass.CTImageStorage,
            SOPClass.EnhancedCTImageStorage, SOPClass.LegacyConvertedEnhancedCTImageStorage);

    private CtSliceReader() {}

    public static List<CtSlice> read(File file) throws IOException {
        AttributeList dataset = readDecompressed(file);
        String sopClass = uid(dataset, TagFromName.SOPClassUID, TagFromName.MediaStorageSOPClassUID);
        if (!CT_SOP_CLASSES.contains(sopClass)) {
            throw new UnusableSliceException(file + ": " + name(TagFromName.SOPClassUID) + " " + sopClass
                    + " is not a CT image storage class");
        }
        String sopInstanceUid = uid(dataset, TagFromName.SOPInstanceUID, TagFromName.MediaStorageSOPInstanceUID);
        if (sopInstanceUid.isEmpty()) {
            throw missing(file, TagFromName.SOPInstanceUID, "");
        }
        Integer instanceNumber = instanceNumber(file, dataset);
        int rows = requiredInt(file, dataset, TagFromName.Rows);
        int columns = requiredInt(file, dataset, TagFromName.Columns);
        int frames = Attribute.getSingleIntegerValueOrDefault(dataset, TagFromName.NumberOfFrames, 1);
        boolean functionalGroups =
                dataset.get(TagFromName.PerFrameFunctionalGroupsSequence) instanceof SequenceAttribute;
        if (frames > 1 && !functionalGroups) {
            throw missing(file, TagFromName.PerFrameFunctionalGroupsSequence, " of a " + frames + "-frame image");
        }
        int plane = rows * columns;
        StoredPixels stored = StoredPixels.of(file, dataset, frames * plane);

        List<CtSlice> slices = new ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            String where = functionalGroups ? " of frame " + (f + 1) : "";
            AttributeList measures = functionalGroup(dataset, f, TagFromName.PixelMeasuresSequence);
            AttributeList position = functionalGroup(dataset, f, TagFromName.PlanePositionSequence);
            double[] imagePosition = required(file, position, TagFromName.PlanePositionSequence,
                    TagFromName.ImagePositionPatient, 3, where);
            AttributeList orientation = functionalGroup(dataset, f, TagFromName.PlaneOrientationSequence);
            double[] imageOrientation = required(file, orientation, TagFromName.PlaneOrientationSequence,
                    TagFromName.ImageOrientationPatient, 6, where);
            double[] pixelSpacing = required(file, measures, TagFromName.PixelMeasuresSequence,
                    TagFromName.PixelSpacing, 2, where);
            double thickness = optional(file, measures, TagFromName.SliceThickness, Double.NaN, where);

            AttributeList rescale = functionalGroup(dataset, f, TagFromName.PixelValueTransformationSequence);
            double slope = optional(file, rescale, TagFromName.RescaleSlope, 1, where);
            double intercept = optional(file, rescale, TagFromName.RescaleIntercept, 0, where);
            float[] hu = new float[plane];
            for (int p = 0; p < plane; p++) {
                hu[p] = (float) (stored.get(f * plane + p) * slope + intercept);
            }
            try {
                slices.add(new CtSlice(sopInstanceUid, instanceNumber, f + 1, rows, columns, imagePosition,
                        imageOrientation, pixelSpacing, Double.isNaN(thickness) ? null : thickness, hu));
            } catch (IllegalArgumentException e) {
                throw new UnusableSliceException(file + where + ": " + e.getMessage());
            }
        }
        return slices;
    }

    /**
     * Why the file's pixel data cannot be decoded (not DICOM, no or malformed Pixel Data, no codec for its
     * transfer syntax), or empty when every frame decodes. Geometry is not checked.
     */
    public static Optional<String> undecodableReason(File file) {
        try {
            AttributeList dataset = readDecompressed(file);
            int count = Attribute.getSingleIntegerValueOrDefault(dataset, TagFromName.NumberOfFrames, 1)
                    * requiredInt(file, dataset, TagFromName.Rows) * requiredInt(file, dataset, TagFromName.Columns);
            StoredPixels.of(file, dataset, count);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    /** Reads the whole file, decompressing encapsulated pixel data; failures name the transfer syntax. */
    private static AttributeList readDecompressed(File file) throws IOException {
        AttributeList dataset = new AttributeList();
        dataset.setDecompressPixelData(true);
        try {
            dataset.read(file);
            return dataset;
        } catch (DicomException | IOException | RuntimeException e) {
            // The meta header is read first, so a failed read still knows the transfer syntax.
            String uid = Attribute.getSingleStringValueOrNull(dataset, TagFromName.TransferSyntaxUID);
            String syntax = uid == null ? "no readable transfer syntax" : describe(uid);
            throw new IOException(file + ": cannot read DICOM with " + syntax + ": " + e.getMessage(), e);
        }
    }

    private static String describe(String transferSyntaxUid) {
        return "transfer syntax " + transferSyntaxUid + " (" + new TransferSyntax(transferSyntaxUid).getDescription()
                + ")";
    }

    /**
     * The attributes of one functional group for a frame: the item in the frame's Per-frame Functional Groups
     * Sequence item, else in the Shared Functional Groups, else (single-frame images) the top-level dataset.
     */
    private static AttributeList functionalGroup(AttributeList dataset, int frame, AttributeTag group) {
        if (!(dataset.get(TagFromName.PerFrameFunctionalGroupsSequence) instanceof SequenceAttribute perFrame)) {
            return dataset;
        }
        AttributeList item = frame < perFrame.getNumberOfItems()
                ? SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(
                        perFrame.getItem(frame).getAttributeList(), group)
                : null;
        if (item == null) {
            AttributeList shared = SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(dataset,
                    TagFromName.SharedFunctionalGroupsSequence);
            item = shared == null ? null
                    : SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(shared, group);
        }
        // Some converters also copy these attributes to the top level; use them when the groups lack them.
        return item != null ? item : dataset;
    }

    private static double[] required(File file, AttributeList source, AttributeTag group, AttributeTag tag, int count,
            String where) throws UnusableSliceException {
        String context = where.isEmpty() ? "" : " in " + name(group) + where;
        double[] values = numbers(file, source, tag, context);
        if (values == null) {
            throw missing(file, tag, context);
        }
        if (values.length != count) {
            throw new UnusableSliceException(file + ": " + name(tag) + context + " has " + values.length
                    + " values, expected " + count);
        }
        return values;
    }

    private static double optional(File file, AttributeList source, AttributeTag tag, double absent, String where)
            throws UnusableSliceException {
        double[] values = numbers(file, source, tag, where);
        return values == null ? absent : values[0];
    }

    /** A decimal string's values, or null when absent or empty. */
    private static double[] numbers(File file, AttributeList source, AttributeTag tag, String context)
            throws UnusableSliceException {
        try {
            return DicomAttributes.decimalsOrNull(source, tag);
        } catch (NumberFormatException e) {
            throw new UnusableSliceException(file + ": " + name(tag) + context + " is not numeric: "
                    + source.get(tag).getDelimitedStringValuesOrEmptyString());
        }
    }

    /** A UID from the dataset, else from the file meta information (some de-identifiers empty the former only). */
    private static String uid(AttributeList dataset, AttributeTag tag, AttributeTag metaTag) {
        String value = Attribute.getSingleStringValueOrEmptyString(dataset, tag).trim();
        return value.isEmpty() ? Attribute.getSingleStringValueOrEmptyString(dataset, metaTag).trim() : value;
    }

    /** Instance Number is Type 2: empty or absent gives null. */
    private static Integer instanceNumber(File file, AttributeList dataset) throws UnusableSliceException {
        String value = Attribute.getSingleStringValueOrNull(dataset, TagFromName.InstanceNumber);
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new UnusableSliceException(file + ": " + name(TagFromName.InstanceNumber) + " is not an integer: "
                    + value);
        }
    }

    private static int requiredInt(File file, AttributeList dataset, AttributeTag tag) throws UnusableSliceException {
        int value = Attribute.getSingleIntegerValueOrDefault(dataset, tag, -1);
        if (value < 0) {
            throw missing(file, tag, "");
        }
        return value;
    }

    private static UnusableSliceException missing(File file, AttributeTag tag, String context) {
        return new UnusableSliceException(file + ": missing " + name(tag) + context);
    }

    /** A tag as DICOM names it, e.g. "Image Position (Patient) (0020,0032)". */
    private static String name(AttributeTag tag) {
        String name = DicomDictionary.StandardDictionary.getFullNameFromTag(tag);
        return String.format("%s(%04X,%04X)", name == null ? "" : name + " ", tag.getGroup(), tag.getElement());
    }

    /** Pixel Data as decoded by PixelMed, read out as stored values: masked to Bits Stored, sign-extended. */
    private record StoredPixels(short[] words, byte[] bytes, boolean sixteenBit, int shift, int bitsStored,
            boolean signed) {

        static StoredPixels of(File file, AttributeList dataset, int count) throws IOException {
            Attribute pixelData = dataset.getPixelData();
            if (pixelData == null) {
                // PixelMed logs and drops compressed pixel data it fails to decode instead of throwing.
                String uid = Attribute.getSingleStringValueOrEmptyString(dataset, TagFromName.TransferSyntaxUID);
                throw TransferSyntax.isEncapsulated(uid)
                        ? new UnusableSliceException(file + ": " + name(TagFromName.PixelData) + " could not be decoded"
                                + " from " + describe(uid) + " (see the log)")
                        : missing(file, TagFromName.PixelData, "");
            }
            int samples = Attribute.getSingleIntegerValueOrDefault(dataset, TagFromName.SamplesPerPixel, 1);
            if (samples != 1) {
                throw new UnusableSliceException(file + ": " + name(TagFromName.SamplesPerPixel) + " is " + samples
                        + ", a CT image has 1");
            }
            int allocated = requiredInt(file, dataset, TagFromName.BitsAllocated);
            int stored = Attribute.getSingleIntegerValueOrDefault(dataset, TagFromName.BitsStored, allocated);
            int highBit = Attribute.getSingleIntegerValueOrDefault(dataset, TagFromName.HighBit, stored - 1);
            if ((allocated != 8 && allocated != 16) || stored < 1 || highBit + 1 < stored || highBit >= allocated) {
                throw new UnusableSliceException(file + ": unsupported pixel layout: Bits Allocated " + allocated
                        + ", Bits Stored " + stored + ", High Bit " + highBit);
            }
            boolean signed = Attribute.getSingleIntegerValueOrDefault(dataset, TagFromName.PixelRepresentation, 0) == 1;
            try {
                // 8-bit pixels may arrive packed two to an OW word (low byte first), 16-bit ones as OB byte pairs.
                boolean ow = ValueRepresentation.isOtherWordVR(pixelData.getVR());
                short[] words = ow ? pixelData.getShortValues() : null;
                byte[] bytes = ow ? null : pixelData.getByteValues();
                long units = ow ? (allocated == 16 ? words.length : 2L * words.length)
                        : (allocated == 16 ? bytes.length / 2 : bytes.length);
                if (units < count) {
                    throw new UnusableSliceException(file + ": " + name(TagFromName.PixelData) + " holds " + units
                            + " pixels, expected " + count + " (frames x rows x columns)");
                }
                return new StoredPixels(words, bytes, allocated == 16, highBit + 1 - stored, stored, signed);
            } catch (DicomException e) {
                throw new UnusableSliceException(file + ": cannot read " + name(TagFromName.PixelData) + ": "
                        + e.getMessage());
            }
        }

        int get(int i) {
            int unit;
            if (words != null) {
                unit = sixteenBit ? words[i] & 0xFFFF : (words[i >> 1] >> ((i & 1) * 8)) & 0xFF;
            } else {
                unit = sixteenBit ? (bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] & 0xFF) << 8 : bytes[i] & 0xFF;
            }
            int v = (unit >>> shift) & ((1 << bitsStored) - 1);
            return signed && (v >> (bitsStored - 1)) != 0 ? v - (1 << bitsStored) : v;
        }
    }
}
