package org.vertreg.testing;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.IntegerStringAttribute;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.PersonNameAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import com.pixelmed.dicom.UnsignedShortAttribute;
import java.io.File;

/**
 * A small Digital X-Ray (for presentation) with C-arm geometry, as an intraoperative image would carry it. Its UIDs
 * follow from its name ({@link TestUids}), which must differ between fixtures that meet in one database.
 */
public final class XrayFixture {
    public final String studyUid;
    public final String seriesUid;
    public final String sopInstanceUid;
    private final String frameOfReferenceUid;
    private final int rows;
    private final int columns;

    public XrayFixture(String name) {
        this(name, 64, 48);
    }

    public XrayFixture(String name, int rows, int columns) {
        this.studyUid = TestUids.of(name + "/study");
        this.seriesUid = TestUids.of(name + "/series");
        this.sopInstanceUid = TestUids.of(name + "/instance");
        this.frameOfReferenceUid = TestUids.of(name + "/frame");
        this.rows = rows;
        this.columns = columns;
    }

    public File write(File folder, String patientId) throws Exception {
        AttributeList list = attributes(patientId);
        FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, "VERTREGTEST");
        File file = new File(folder, sopInstanceUid + ".dcm");
        list.write(file, TransferSyntax.ExplicitVRLittleEndian, true, true);
        return file;
    }

    /** The data set alone, explicit VR little endian, as a C-STORE carries it. */
    public static byte[] dataSet(AttributeList list) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        list.write(out, TransferSyntax.ExplicitVRLittleEndian, false, true);
        return out.toByteArray();
    }

    public AttributeList attributes(String patientId) throws Exception {
        AttributeList list = new AttributeList();
        put(list, new UniqueIdentifierAttribute(TagFromName.SOPClassUID), "1.2.840.10008.5.1.4.1.1.1.1");
        put(list, new UniqueIdentifierAttribute(TagFromName.SOPInstanceUID), sopInstanceUid);
        put(list, new UniqueIdentifierAttribute(TagFromName.StudyInstanceUID), studyUid);
        put(list, new UniqueIdentifierAttribute(TagFromName.SeriesInstanceUID), seriesUid);
        put(list, new UniqueIdentifierAttribute(TagFromName.FrameOfReferenceUID), frameOfReferenceUid);
        put(list, new CodeStringAttribute(TagFromName.Modality), "DX");
        put(list, new LongStringAttribute(TagFromName.PatientID), patientId);
        put(list, new PersonNameAttribute(TagFromName.PatientName), "Phantom^Xray");
        put(list, new CodeStringAttribute(TagFromName.BodyPartExamined), "LSPINE");
        put(list, new IntegerStringAttribute(TagFromName.SeriesNumber), "7");
        put(list, new IntegerStringAttribute(TagFromName.InstanceNumber), "1");
        put(list, new DecimalStringAttribute(TagFromName.DistanceSourceToDetector), "1000");
        put(list, new DecimalStringAttribute(TagFromName.DistanceSourceToPatient), "600");
        put(list, new DecimalStringAttribute(TagFromName.ImagerPixelSpacing), "1.0\\1.0");
        put(list, new DecimalStringAttribute(new com.pixelmed.dicom.AttributeTag(0x0018, 0x1510)), "0");
        put(list, new DecimalStringAttribute(new com.pixelmed.dicom.AttributeTag(0x0018, 0x1511)), "0");
        put(list, new CodeStringAttribute(TagFromName.PatientOrientation), "L\\H");
        put(list, new CodeStringAttribute(TagFromName.PhotometricInterpretation), "MONOCHROME2");
        put(list, new UnsignedShortAttribute(TagFromName.Rows), String.valueOf(rows));
        put(list, new UnsignedShortAttribute(TagFromName.Columns), String.valueOf(columns));
        put(list, new UnsignedShortAttribute(TagFromName.BitsAllocated), "16");
        put(list, new UnsignedShortAttribute(TagFromName.BitsStored), "12");
        put(list, new UnsignedShortAttribute(TagFromName.HighBit), "11");
        put(list, new UnsignedShortAttribute(TagFromName.PixelRepresentation), "0");
        put(list, new UnsignedShortAttribute(TagFromName.SamplesPerPixel), "1");
        short[] pixels = new short[rows * columns];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (short) ((i * 7) % 4096);
        }
        OtherWordAttribute pixelData = new OtherWordAttribute(TagFromName.PixelData);
        pixelData.setValues(pixels);
        list.put(pixelData);
        return list;
    }

    private static void put(AttributeList list, Attribute a, String value) throws Exception {
        a.addValue(value);
        list.put(a);
    }

}
