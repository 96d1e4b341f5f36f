package org.vertreg.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.IntegerStringAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import com.pixelmed.dicom.UnsignedShortAttribute;
import java.io.File;
import java.io.IOException;

/** Small hand-made CT datasets for reader tests: classic single-frame and Enhanced CT multi-frame. */
final class SyntheticCtFiles {

    private SyntheticCtFiles() {}

    /** A CT Image with 16-bit pixels; the caller sets geometry and rescale. */
    static AttributeList ctImage(String sopInstanceUid, int rows, int columns, short[] pixels, int bitsStored,
            int highBit, boolean signed) throws DicomException {
        AttributeList list = new AttributeList();
        put(list, new UniqueIdentifierAttribute(TagFromName.SOPClassUID), SOPClass.CTImageStorage);
        put(list, new UniqueIdentifierAttribute(TagFromName.SOPInstanceUID), sopInstanceUid);
        put(list, new CodeStringAttribute(TagFromName.Modality), "CT");
        put(list, new CodeStringAttribute(TagFromName.PhotometricInterpretation), "MONOCHROME2");
        put(list, new UnsignedShortAttribute(TagFromName.Rows), rows);
        put(list, new UnsignedShortAttribute(TagFromName.Columns), columns);
        put(list, new UnsignedShortAttribute(TagFromName.SamplesPerPixel), 1);
        put(list, new UnsignedShortAttribute(TagFromName.BitsAllocated), 16);
        put(list, new UnsignedShortAttribute(TagFromName.BitsStored), bitsStored);
        put(list, new UnsignedShortAttribute(TagFromName.HighBit), highBit);
        put(list, new UnsignedShortAttribute(TagFromName.PixelRepresentation), signed ? 1 : 0);
        OtherWordAttribute pixelData = new OtherWordAttribute(TagFromName.PixelData);
        pixelData.setValues(pixels);
        list.put(pixelData);
        return list;
    }

    static void put(AttributeList list, Attribute attribute, Object... values) throws DicomException {
        for (Object v : values) {
            if (v instanceof Integer i) {
                attribute.addValue(i.intValue());
            } else if (v instanceof Double d) {
                attribute.addValue(d.doubleValue());
            } else {
                attribute.addValue(v.toString());
            }
        }
        list.put(attribute);
    }

    static void putDoubles(AttributeList list, AttributeTag tag, double... values) throws DicomException {
        DecimalStringAttribute attribute = new DecimalStringAttribute(tag);
        for (double v : values) {
            attribute.addValue(v);
        }
        list.put(attribute);
    }

    static void putInstanceNumber(AttributeList list, int number) throws DicomException {
        put(list, new IntegerStringAttribute(TagFromName.InstanceNumber), number);
    }

    /** A functional group macro: {@code sequence} with one item holding {@code item}. */
    static void putGroup(AttributeList target, AttributeTag sequence, AttributeList item) {
        SequenceAttribute attribute = new SequenceAttribute(sequence);
        attribute.addItem(item);
        target.put(attribute);
    }

    static AttributeList item(AttributeTag tag, double... values) throws DicomException {
        AttributeList item = new AttributeList();
        putDoubles(item, tag, values);
        return item;
    }

    static File write(AttributeList list, File file) throws IOException, DicomException {
        FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, "VERTREG_TEST");
        list.write(file, TransferSyntax.ExplicitVRLittleEndian, true, true);
        return file;
    }
}
