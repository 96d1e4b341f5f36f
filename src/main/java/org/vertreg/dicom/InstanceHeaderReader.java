package org.vertreg.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads a Part-10 file's header (everything before Pixel Data) into an {@link InstanceHeader}, and
 * refuses, with a DIMSE status, a file that cannot be parsed or lacks what the archive needs.
 */
public final class InstanceHeaderReader {
    private static final AttributeTag PIXEL_DATA = TagFromName.PixelData;
    // Not in PixelMed's dictionary of names; PS3.6 (0018,1510) and (0018,1511).
    static final AttributeTag POSITIONER_PRIMARY_ANGLE = new AttributeTag(0x0018, 0x1510);
    static final AttributeTag POSITIONER_SECONDARY_ANGLE = new AttributeTag(0x0018, 0x1511);

    private InstanceHeaderReader() {
    }

    public static InstanceHeader read(Path file) throws DicomStatusException {
        return read(new byte[0], file).header();
    }

    /**
     * The header and where its Pixel Data element starts.
     *
     * @param header          what the archive indexes
     * @param attributes      everything before Pixel Data, as parsed
     * @param pixelDataTagEnd the file offset just after the Pixel Data tag (where its VR or length begins), or −1 when the
     *                        data set has no Pixel Data
     */
    record Reading(InstanceHeader header, AttributeList attributes, long pixelDataTagEnd) {
    }

    /** Parses {@code leadingBytes} (the start of {@code file}) when they hold the whole header, else the file. */
    static Reading read(byte[] leadingBytes, Path file) throws DicomStatusException {
        AttributeList list = new AttributeList();
        long stoppedAt = readHeader(leadingBytes, list);
        if (stoppedAt < 0) {
            list = new AttributeList();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                stoppedAt = list.read(new DicomInputStream(in), PIXEL_DATA);
            } catch (IOException | DicomException | RuntimeException e) {
                throw new DicomStatusException(DicomStatus.CANNOT_UNDERSTAND, "data set cannot be parsed: " + e.getMessage(), e);
            }
            stoppedAt = endsWithPixelDataTag(file, stoppedAt) ? stoppedAt : -1;
        }
        return new Reading(toHeader(list), list, stoppedAt);
    }

    /**
     * Where the toolkit stopped when the bytes held everything up to Pixel Data (it stops right after reading the Pixel
     * Data tag, so the four bytes before where it stopped are that tag), else −1. A data set without pixels, a header
     * longer than the bytes, or a deflated one, is read from the file instead.
     */
    private static long readHeader(byte[] bytes, AttributeList list) {
        if (bytes.length < 136 || !containsPixelDataTag(bytes)) {
            return -1; // the header goes on past these bytes (a segmentation's often does): no point parsing them
        }
        try {
            long stoppedAt = list.read(new DicomInputStream(new ByteArrayInputStream(bytes)), PIXEL_DATA);
            int r = (int) stoppedAt;
            return r >= 4 && r <= bytes.length && isPixelDataTag(bytes, r - 4) ? stoppedAt : -1;
        } catch (IOException | DicomException | RuntimeException truncated) {
            return -1;
        }
    }

    private static boolean endsWithPixelDataTag(Path file, long offset) {
        if (offset < 4) {
            return false;
        }
        try (var channel = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer tag = java.nio.ByteBuffer.allocate(4);
            channel.read(tag, offset - 4);
            return tag.position() == 4 && isPixelDataTag(tag.array(), 0);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean containsPixelDataTag(byte[] b) {
        for (int i = 132; i + 3 < b.length; i++) {
            if (isPixelDataTag(b, i)) {
                return true;
            }
        }
        return false;
    }

    /** (7FE0,0010) in little-endian order at {@code b[at..at+3]}. */
    private static boolean isPixelDataTag(byte[] b, int at) {
        return b[at] == (byte) 0xE0 && b[at + 1] == 0x7F && b[at + 2] == 0x10 && b[at + 3] == 0x00;
    }

    private static InstanceHeader toHeader(AttributeList list) throws DicomStatusException {
        String transferSyntax = text(list, TagFromName.TransferSyntaxUID);
        InstanceHeader header = new InstanceHeader(
                text(list, TagFromName.SOPClassUID), text(list, TagFromName.SOPInstanceUID), transferSyntax,
                textOrEmpty(list, TagFromName.PatientID), textOrEmpty(list, TagFromName.IssuerOfPatientID),
                text(list, TagFromName.PatientName), date(list, TagFromName.PatientBirthDate), text(list, TagFromName.PatientSex),
                text(list, TagFromName.StudyInstanceUID), date(list, TagFromName.StudyDate), text(list, TagFromName.StudyTime),
                text(list, TagFromName.AccessionNumber), text(list, TagFromName.StudyDescription),
                text(list, TagFromName.ReferringPhysicianName),
                text(list, TagFromName.SeriesInstanceUID), text(list, TagFromName.Modality), integer(list, TagFromName.SeriesNumber),
                text(list, TagFromName.SeriesDescription), text(list, TagFromName.BodyPartExamined),
                text(list, TagFromName.FrameOfReferenceUID),
                integer(list, TagFromName.InstanceNumber), integer(list, TagFromName.Rows), integer(list, TagFromName.Columns),
                integer(list, TagFromName.NumberOfFrames),
                multi(list, TagFromName.ImagePositionPatient), multi(list, TagFromName.ImageOrientationPatient),
                multi(list, TagFromName.PixelSpacing), decimal(list, TagFromName.SliceThickness),
                multi(list, TagFromName.ImagerPixelSpacing), decimal(list, TagFromName.DistanceSourceToDetector),
                decimal(list, TagFromName.DistanceSourceToPatient), decimal(list, POSITIONER_PRIMARY_ANGLE),
                decimal(list, POSITIONER_SECONDARY_ANGLE),
                date(list, TagFromName.AcquisitionDate), date(list, TagFromName.ContentDate), referencedSeries(list));
        requirePresent(header.sopClassUid(), "SOP Class UID (0008,0016)");
        requirePresent(header.sopInstanceUid(), "SOP Instance UID (0008,0018)");
        requirePresent(header.studyInstanceUid(), "Study Instance UID (0020,000D)");
        requirePresent(header.seriesInstanceUid(), "Series Instance UID (0020,000E)");
        requirePresent(header.modality(), "Modality (0008,0060)");
        return header;
    }

    /** First item of Referenced Series Sequence (0008,1115): the series a segmentation or registration derives from. */
    private static String referencedSeries(AttributeList list) {
        if (list.get(TagFromName.ReferencedSeriesSequence) instanceof SequenceAttribute seq && seq.getNumberOfItems() > 0) {
            return text(seq.getItem(0).getAttributeList(), TagFromName.SeriesInstanceUID);
        }
        return null;
    }

    private static void requirePresent(String value, String name) throws DicomStatusException {
        if (value == null || value.isEmpty()) {
            throw new DicomStatusException(DicomStatus.CANNOT_UNDERSTAND, "required attribute " + name + " is missing or empty");
        }
    }

    private static String text(AttributeList list, AttributeTag tag) {
        String v = Attribute.getSingleStringValueOrNull(list, tag);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String textOrEmpty(AttributeList list, AttributeTag tag) {
        String v = text(list, tag);
        return v == null ? "" : v;
    }

    private static String multi(AttributeList list, AttributeTag tag) {
        String v = Attribute.getDelimitedStringValuesOrNull(list, tag);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static Integer integer(AttributeList list, AttributeTag tag) {
        String v = text(list, tag);
        try {
            return v == null ? null : Integer.valueOf(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double decimal(AttributeList list, AttributeTag tag) {
        String v = text(list, tag);
        try {
            double d = v == null ? Double.NaN : Double.parseDouble(v);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** DICOM DA is YYYYMMDD; older files may carry YYYY.MM.DD. Unparseable dates are indexed as unknown. */
    private static LocalDate date(AttributeList list, AttributeTag tag) {
        String v = text(list, tag);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v.replace(".", ""), DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
