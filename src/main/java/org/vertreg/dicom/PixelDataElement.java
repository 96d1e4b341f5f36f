package org.vertreg.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The Pixel Data element of a received Part-10 file as its bytes lay it out: where its value starts, how long it says
 * it is, and whether the file holds all of it and nothing but DICOM attributes after it. Read from the file's bytes,
 * never loading the pixels, so that an uncompressed image cut short or with bytes appended is seen before it is kept.
 */
final class PixelDataElement {
    private static final int UNDEFINED = -1;
    private static final int ITEM = 0xFFFEE000;
    private static final int SEQUENCE_DELIMITER = 0xFFFEE0DD;
    private static final AttributeTag PIXEL_DATA = new AttributeTag(0x7FE0, 0x0010);
    /** More than any trailer a real file carries (digital signatures, padding): beyond it the tail is not read. */
    private static final long LARGEST_TAIL = 16L << 20;

    /** Bytes of the value, or −1 for encapsulated (compressed) data of undefined length. */
    final long length;
    /** Encapsulated fragments, the basic offset table not counted. */
    final int fragments;

    private PixelDataElement(long length, int fragments) {
        this.length = length;
        this.fragments = fragments;
    }

    boolean encapsulated() {
        return length == UNDEFINED;
    }

    /** @param tagEnd the offset just after the Pixel Data tag */
    static PixelDataElement read(Path file, long tagEnd, String transferSyntaxUid) throws DicomStatusException, IOException {
        boolean explicitVr = !AcceptedTransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN.equals(transferSyntaxUid);
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            long at = tagEnd;
            long length;
            if (explicitVr) {
                ByteBuffer header = read(channel, at, 8, "the Pixel Data (7FE0,0010) header");
                length = Integer.toUnsignedLong(header.getInt(4));
                at += 8;
            } else {
                length = Integer.toUnsignedLong(read(channel, at, 4, "the Pixel Data (7FE0,0010) length").getInt(0));
                at += 4;
            }
            PixelDataElement element;
            if (length == 0xFFFFFFFFL) {
                int items = 0;
                while (true) {
                    ByteBuffer item = read(channel, at, 8, "the encapsulated Pixel Data (7FE0,0010) before its sequence delimiter");
                    int tag = (item.getShort(0) & 0xFFFF) << 16 | (item.getShort(2) & 0xFFFF);
                    long itemLength = Integer.toUnsignedLong(item.getInt(4));
                    at += 8;
                    if (tag == SEQUENCE_DELIMITER) {
                        break;
                    }
                    if (tag != ITEM) {
                        throw refused(String.format("encapsulated Pixel Data (7FE0,0010) holds (%04X,%04X) where an item belongs",
                                tag >>> 16, tag & 0xFFFF));
                    }
                    if (at + itemLength > size) {
                        throw refused("data set cut short inside fragment " + items + " of the encapsulated Pixel Data (7FE0,0010)");
                    }
                    at += itemLength;
                    items++;
                }
                element = new PixelDataElement(UNDEFINED, Math.max(0, items - 1));
            } else {
                if (at + length > size) {
                    throw refused("data set cut short: " + (size - at) + " of " + length + " bytes of Pixel Data (7FE0,0010) arrived");
                }
                at += length;
                element = new PixelDataElement(length, 0);
            }
            requireOnlyAttributesAfter(channel, at, size, transferSyntaxUid);
            return element;
        }
    }

    /** What follows the pixels may only be attributes that sort after them (a signature, trailing padding). */
    private static void requireOnlyAttributesAfter(FileChannel channel, long at, long size, String transferSyntaxUid)
            throws IOException, DicomStatusException {
        long tail = size - at;
        if (tail == 0) {
            return;
        }
        String notAttributes = tail + " stray bytes after Pixel Data (7FE0,0010), not DICOM attributes";
        if (tail > LARGEST_TAIL) {
            throw refused(notAttributes);
        }
        ByteBuffer bytes = read(channel, at, (int) tail, "the attributes after Pixel Data");
        AttributeList list = new AttributeList();
        try {
            list.read(new DicomInputStream(new ByteArrayInputStream(bytes.array()), transferSyntaxUid, false));
        } catch (IOException | DicomException | RuntimeException e) {
            throw refused(notAttributes);
        }
        if (list.isEmpty() || list.keySet().stream().anyMatch(t -> ((AttributeTag) t).compareTo(PIXEL_DATA) <= 0)) {
            throw refused(notAttributes);
        }
    }

    private static ByteBuffer read(FileChannel channel, long at, int count, String what) throws IOException, DicomStatusException {
        ByteBuffer buffer = ByteBuffer.allocate(count).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, at + buffer.position()) < 0) {
                throw refused("data set cut short in " + what);
            }
        }
        return buffer;
    }

    private static DicomStatusException refused(String why) {
        return new DicomStatusException(DicomStatus.CANNOT_UNDERSTAND, why);
    }
}
