package org.vertreg.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import com.pixelmed.dicom.UnsignedLongAttribute;
import com.pixelmed.dicom.UnsignedShortAttribute;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The C-STORE-RSP command (PS3.7 §9.3.1.2), with an Error Comment (0000,0902) whenever the status is not success, so
 * that the sender's log says why, not only a number. The toolkit's own response message has no place for the comment.
 */
final class StoreResponse {
    static final int C_STORE_RSP = 0x8001;
    private static final int NO_DATA_SET = 0x0101;
    /** Error Comment is LO: at most 64 characters, no backslash, no control characters. */
    static final int COMMENT_LENGTH = 64;

    private StoreResponse() {
    }

    static byte[] bytes(String sopClassUid, String sopInstanceUid, int messageId, int status, String comment)
            throws DicomException, IOException {
        AttributeList list = new AttributeList();
        put(list, new UniqueIdentifierAttribute(TagFromName.AffectedSOPClassUID), sopClassUid);
        putShort(list, TagFromName.CommandField, C_STORE_RSP);
        putShort(list, TagFromName.MessageIDBeingRespondedTo, messageId);
        putShort(list, TagFromName.CommandDataSetType, NO_DATA_SET);
        putShort(list, TagFromName.Status, status);
        put(list, new UniqueIdentifierAttribute(TagFromName.AffectedSOPInstanceUID), sopInstanceUid);
        if (!DicomStatus.isSuccess(status) && comment != null && !comment.isBlank()) {
            put(list, new LongStringAttribute(TagFromName.ErrorComment), errorComment(comment));
        }
        int length = encode(list).length;
        UnsignedLongAttribute groupLength = new UnsignedLongAttribute(new AttributeTag(0x0000, 0x0000));
        groupLength.addValue(length);
        list.put(groupLength);
        return encode(list);
    }

    /**
     * {@code detail} as an LO of the default repertoire can hold it: ASCII, no backslash, at most 64 characters, cut at
     * a word boundary (the audit trail keeps the whole text).
     */
    static String errorComment(String detail) {
        String clean = detail.replace('×', 'x').replace('\\', '/').replaceAll("[^\\x20-\\x7E]", " ").strip();
        if (clean.length() <= COMMENT_LENGTH) {
            return clean;
        }
        int cut = clean.lastIndexOf(' ', COMMENT_LENGTH);
        return (cut > COMMENT_LENGTH / 2 ? clean.substring(0, cut) : clean.substring(0, COMMENT_LENGTH)).strip();
    }

    private static byte[] encode(AttributeList list) throws IOException, DicomException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        list.write(new DicomOutputStream(out, null, TransferSyntax.ImplicitVRLittleEndian));
        return out.toByteArray();
    }

    private static void put(AttributeList list, com.pixelmed.dicom.Attribute a, String value) throws DicomException {
        a.addValue(value);
        list.put(a);
    }

    private static void putShort(AttributeList list, AttributeTag tag, int value) throws DicomException {
        UnsignedShortAttribute a = new UnsignedShortAttribute(tag);
        a.addValue(value);
        list.put(a);
    }
}
