package org.vertreg.dicom;

import static org.vertreg.dicom.DicomAttributes.put;
import static org.vertreg.dicom.DicomAttributes.sequence;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.TagFromName;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Writes the overlay picture (the X-ray with the registered vertebra's outline and a legend, as {@code OverlayImage} draws
 * it) as a Secondary Capture Image Storage object (PS3.3 A.8.1; {@value #SECONDARY_CAPTURE_IMAGE_STORAGE}) in the X-ray's
 * study: RGB, 8 bits a sample, Planar Configuration 0 (R, G, B of a pixel together), rows top to bottom. Conversion Type
 * WSD (workstation), Burned In Annotation YES since the legend is in the pixels, and a Source Image Sequence naming the
 * X-ray.
 */
public final class OverlayCaptureWriter {

    public static final String SECONDARY_CAPTURE_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.7";
    /** After the registration's series. */
    static final String SERIES_NUMBER = "902";
    private static final String[] SOURCE_IMAGE = {"121322", "DCM", "Source image for image processing operation"};

    private final Clock clock;

    public OverlayCaptureWriter(Clock clock) {
        this.clock = clock;
    }

    /** Writes {@code file} (parent folders created). Same picture, content and clock, same bytes. */
    public void write(BufferedImage picture, OverlayCaptureContent content, Path file) throws IOException {
        int width = picture.getWidth(), height = picture.getHeight();
        if (width > 65535 || height > 65535 || 3L * width * height > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a " + width + "x" + height + " picture is too large for one RGB Pixel Data element");
        }
        try {
            Part10Writer.write(attributes(picture, content, Part10Writer.Stamp.now(clock)), file);
        } catch (DicomException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static AttributeList attributes(BufferedImage picture, OverlayCaptureContent c, Part10Writer.Stamp now) throws DicomException {
        AttributeList l = new AttributeList();
        DicomAttributes.putDerivedHeader(l, SECONDARY_CAPTURE_IMAGE_STORAGE, c.sopInstanceUid(), c.xrayStudy(), "OT", c.seriesInstanceUid(),
                SERIES_NUMBER, c.seriesDescription());
        // General Equipment, SC Equipment
        Equipment e = c.equipment();
        put(l, "Manufacturer", Equipment.MANUFACTURER);
        put(l, "ConversionType", "WSD");
        put(l, "SecondaryCaptureDeviceManufacturer", Equipment.MANUFACTURER);
        put(l, "SecondaryCaptureDeviceManufacturerModelName", e.manufacturerModelName());
        put(l, "SecondaryCaptureDeviceSoftwareVersions", e.softwareVersions());
        // General Image, SC Image
        put(l, "InstanceNumber", "1");
        put(l, "PatientOrientation");
        put(l, "ContentDate", now.date());
        put(l, "ContentTime", now.time());
        put(l, "DateOfSecondaryCapture", now.date());
        put(l, "TimeOfSecondaryCapture", now.time());
        put(l, "ImageType", "DERIVED", "SECONDARY");
        put(l, "DerivationDescription", "X-ray with the projected outline of the registered vertebra and a legend");
        AttributeList source = new AttributeList();
        put(source, "ReferencedSOPClassUID", c.xray().sopClassUid());
        put(source, "ReferencedSOPInstanceUID", c.xray().sopInstanceUid());
        AttributeList purpose = new AttributeList();
        put(purpose, "CodeValue", SOURCE_IMAGE[0]);
        put(purpose, "CodingSchemeDesignator", SOURCE_IMAGE[1]);
        put(purpose, "CodeMeaning", SOURCE_IMAGE[2]);
        sequence(source, "PurposeOfReferenceCodeSequence").addItem(purpose);
        sequence(l, "SourceImageSequence").addItem(source);
        put(l, "ImageComments", c.summary().text());
        put(l, "BurnedInAnnotation", "YES");
        put(l, "LossyImageCompression", "00");
        // Common Instance Reference: the X-ray, in this study
        AttributeList series = new AttributeList();
        put(series, "SeriesInstanceUID", c.xray().seriesInstanceUid());
        AttributeList instance = new AttributeList();
        put(instance, "ReferencedSOPClassUID", c.xray().sopClassUid());
        put(instance, "ReferencedSOPInstanceUID", c.xray().sopInstanceUid());
        sequence(series, "ReferencedInstanceSequence").addItem(instance);
        sequence(l, "ReferencedSeriesSequence").addItem(series);
        // Image Pixel
        put(l, "SamplesPerPixel", "3");
        put(l, "PhotometricInterpretation", "RGB");
        put(l, "PlanarConfiguration", "0");
        put(l, "Rows", Integer.toString(picture.getHeight()));
        put(l, "Columns", Integer.toString(picture.getWidth()));
        put(l, "BitsAllocated", "8");
        put(l, "BitsStored", "8");
        put(l, "HighBit", "7");
        put(l, "PixelRepresentation", "0");
        OtherByteAttribute pixels = new OtherByteAttribute(TagFromName.PixelData);
        pixels.setValues(interleavedRgb(picture));
        l.put(pixels);
        l.insertSuitableSpecificCharacterSetForAllStringValues();
        return l;
    }

    /** R, G, B of each pixel in turn, row by row, padded with one zero byte to even length (PS3.5 §8.1.1). */
    static byte[] interleavedRgb(BufferedImage picture) {
        int width = picture.getWidth(), height = picture.getHeight();
        long length = 3L * width * height;
        byte[] out = new byte[(int) (length + (length & 1))];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            picture.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int i = 3 * (y * width + x), rgb = row[x];
                out[i] = (byte) (rgb >> 16);
                out[i + 1] = (byte) (rgb >> 8);
                out[i + 2] = (byte) rgb;
            }
        }
        return out;
    }
}
