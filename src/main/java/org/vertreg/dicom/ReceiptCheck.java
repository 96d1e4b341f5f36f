package org.vertreg.dicom;

import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What the node checks of a received instance before it answers success, so that it never acknowledges an object it
 * could not use: the data set agrees with its C-STORE request; its UIDs have the form PS3.5 gives them; an image has
 * its Pixel Data, whole, of the length its own attributes give (odd lengths padded by one byte), followed by nothing
 * but attributes; compressed pixel data decodes. Every refusal says what was wrong, in words fit for an Error Comment
 * and the audit trail, and never names a file of the node.
 */
public final class ReceiptCheck {
    private ReceiptCheck() {
    }

    /** The header as far as it could be read (null if not at all), and why the instance is refused (null if it is not). */
    public record Result(InstanceHeader header, DicomStatusException refusal) {
        public boolean passed() {
            return refusal == null;
        }
    }

    public static Result check(ReceivedInstance received) {
        InstanceHeader header = null;
        try {
            InstanceHeaderReader.Reading reading = received.reading();
            header = reading.header();
            requireMatchesRequest(received, header);
            requireValidUids(header);
            if (needsPixels(header.sopClassUid())) {
                requireWholePixelData(received, reading);
            }
            return new Result(header, null);
        } catch (DicomStatusException e) {
            return new Result(header, e);
        }
    }

    /** Image IODs and segmentations require Pixel Data (or float pixel data, which none of the accepted classes uses). */
    static boolean needsPixels(String sopClassUid) {
        return StorageSopClasses.isImage(sopClassUid) || StorageSopClasses.SEGMENTATION.equals(sopClassUid);
    }

    private static void requireMatchesRequest(ReceivedInstance received, InstanceHeader header) throws DicomStatusException {
        if (!header.sopInstanceUid().equals(received.sopInstanceUid())) {
            throw new DicomStatusException(DicomStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, "SOP Instance UID " + header.sopInstanceUid()
                    + " in the data set differs from " + received.sopInstanceUid() + " in the C-STORE request");
        }
        if (!header.sopClassUid().equals(received.sopClassUid())) {
            throw new DicomStatusException(DicomStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, "SOP Class UID " + header.sopClassUid()
                    + " in the data set differs from " + received.sopClassUid() + " in the C-STORE request");
        }
    }

    private static void requireValidUids(InstanceHeader h) throws DicomStatusException {
        String[][] uids = {{"SOP Instance UID (0008,0018)", h.sopInstanceUid()}, {"Study Instance UID (0020,000D)", h.studyInstanceUid()},
                {"Series Instance UID (0020,000E)", h.seriesInstanceUid()}, {"Frame of Reference UID (0020,0052)", h.frameOfReferenceUid()}};
        for (String[] uid : uids) {
            if (uid[1] != null && !Uids.isValid(uid[1])) {
                throw new DicomStatusException(DicomStatus.CANNOT_UNDERSTAND, Uids.problem(uid[1]) + " in " + uid[0] + " '" + uid[1] + "'");
            }
        }
    }

    private static void requireWholePixelData(ReceivedInstance received, InstanceHeaderReader.Reading reading) throws DicomStatusException {
        String name = StorageSopClasses.name(received.sopClassUid());
        boolean deflated = AcceptedTransferSyntaxes.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.equals(received.transferSyntaxUid());
        if (reading.pixelDataTagEnd() < 0 && !deflated) {
            if (reading.attributes().get(TagFromName.FloatPixelData) != null
                    || reading.attributes().get(TagFromName.DoubleFloatPixelData) != null) {
                return;
            }
            throw new DicomStatusException(DicomStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
                    "missing Pixel Data (7FE0,0010), required by " + name);
        }
        ImagePixels image = ImagePixels.of(reading.attributes());
        if (deflated) {
            PixelDataCheck.requireDecodable(received.file(), received.transferSyntaxUid());
            return;
        }
        PixelDataElement element;
        try {
            element = PixelDataElement.read(received.file(), reading.pixelDataTagEnd(), received.transferSyntaxUid());
        } catch (IOException e) {
            throw new DicomStatusException(DicomStatus.OUT_OF_RESOURCES, "could not read the received data set back: "
                    + withoutPath(String.valueOf(e.getMessage()), received.file()), e);
        }
        if (AcceptedTransferSyntaxes.isCompressed(received.transferSyntaxUid())) {
            if (!element.encapsulated()) {
                throw new DicomStatusException(DicomStatus.CANNOT_UNDERSTAND, "Pixel Data (7FE0,0010) is not encapsulated, as "
                        + received.transferSyntaxUid() + " requires");
            }
            if (element.fragments == 0) {
                throw new DicomStatusException(DicomStatus.CANNOT_UNDERSTAND, "encapsulated Pixel Data (7FE0,0010) holds no fragment");
            }
            PixelDataCheck.requireDecodable(received.file(), received.transferSyntaxUid());
            return;
        }
        if (element.encapsulated()) {
            throw new DicomStatusException(DicomStatus.CANNOT_UNDERSTAND, "Pixel Data (7FE0,0010) is encapsulated in an uncompressed"
                    + " transfer syntax");
        }
        long needed = image.nativeBytes();
        boolean padded = needed % 2 == 1 && element.length == needed + 1;
        if (element.length != needed && !padded) {
            throw new DicomStatusException(DicomStatus.CANNOT_UNDERSTAND, "Pixel Data (7FE0,0010) holds " + element.length
                    + " bytes, not the " + needed + " that " + image.formula() + " need");
        }
    }

    /**
     * {@code message} without the received file's path or its folder's: a toolkit's message may name them, and neither
     * the sender nor the audit trail should see the node's folders.
     */
    static String withoutPath(String message, Path file) {
        String m = message.replace(file.toAbsolutePath().toString(), "the data set").replace(file.toString(), "the data set");
        Path folder = file.toAbsolutePath().getParent();
        return folder == null ? m : m.replace(folder.toString(), "");
    }
}
