package org.vertreg.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import com.pixelmed.dicom.UnsignedLongAttribute;
import com.pixelmed.dicom.UnsignedShortAttribute;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The C-STORE-RQ command (PS3.7 §9.3.1.1), built here rather than by PixelMed's {@code CStoreRequestCommandMessage}, whose
 * Message ID comes from one unsynchronised counter for the whole process: threads storing at once could draw the same
 * number, and past 65535 it no longer fits its US element. The caller numbers its requests per association.
 */
final class StoreRequest {
    static final int C_STORE_RQ = 0x0001;
    static final int MEDIUM = 0x0000;
    /** Any value but 0x0101 (no data set) says a data set follows. */
    private static final int DATA_SET_PRESENT = 0x0000;

    private StoreRequest() {
    }

    static byte[] bytes(String sopClassUid, String sopInstanceUid, int messageId) throws DicomException, IOException {
        if (messageId < 1 || messageId > 0xFFFF) {
            throw new IllegalArgumentException("Message ID must be 1 to 65535: " + messageId);
        }
        AttributeList list = new AttributeList();
        UniqueIdentifierAttribute sopClass = new UniqueIdentifierAttribute(TagFromName.AffectedSOPClassUID);
        sopClass.addValue(sopClassUid);
        list.put(sopClass);
        putShort(list, TagFromName.CommandField, C_STORE_RQ);
        putShort(list, TagFromName.MessageID, messageId);
        putShort(list, TagFromName.Priority, MEDIUM);
        putShort(list, TagFromName.CommandDataSetType, DATA_SET_PRESENT);
        UniqueIdentifierAttribute sopInstance = new UniqueIdentifierAttribute(TagFromName.AffectedSOPInstanceUID);
        sopInstance.addValue(sopInstanceUid);
        list.put(sopInstance);
        UnsignedLongAttribute groupLength = new UnsignedLongAttribute(new AttributeTag(0x0000, 0x0000));
        groupLength.addValue(encode(list).length);
        list.put(groupLength);
        return encode(list);
    }

    /** Commands are always implicit VR little endian (PS3.7 §6.3.1). */
    private static byte[] encode(AttributeList list) throws IOException, DicomException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        list.write(new DicomOutputStream(out, null, TransferSyntax.ImplicitVRLittleEndian));
        return out.toByteArray();
    }

    private static void putShort(AttributeList list, AttributeTag tag, int value) throws DicomException {
        UnsignedShortAttribute a = new UnsignedShortAttribute(tag);
        a.addValue(value);
        list.put(a);
    }
}
