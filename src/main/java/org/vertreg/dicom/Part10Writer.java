package org.vertreg.dicom;

import static org.vertreg.dicom.DicomAttributes.put;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TransferSyntax;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * What the node's DICOM writers (CT series, X-ray, segmentation) share: the Part-10 file itself (File Meta Information,
 * explicit VR little endian), the date and time a written object carries, and the Image Pixel module of a monochrome
 * image.
 */
final class Part10Writer {
    static final String SOURCE_AE_TITLE = "VERTREG";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

    private Part10Writer() {
    }

    /** DICOM DA and TM of one moment, as every date and time of one written object gives it. */
    record Stamp(String date, String time) {
        static Stamp now(Clock clock) {
            ZonedDateTime now = ZonedDateTime.now(clock);
            return new Stamp(DATE.format(now), TIME.format(now));
        }
    }

    /** Writes {@code list} as a Part-10 file, its folder created if missing. */
    static void write(AttributeList list, Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        try {
            FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, SOURCE_AE_TITLE);
            list.write(file.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
        } catch (DicomException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Image Pixel (PS3.3 C.7.6.3) of a one-sample MONOCHROME2 image whose values fill all the bits allocated. */
    static void putMonochromePixelModule(AttributeList l, int rows, int columns, int bits, boolean signed) throws DicomException {
        put(l, "SamplesPerPixel", "1");
        put(l, "PhotometricInterpretation", "MONOCHROME2");
        put(l, "Rows", Integer.toString(rows));
        put(l, "Columns", Integer.toString(columns));
        put(l, "BitsAllocated", Integer.toString(bits));
        put(l, "BitsStored", Integer.toString(bits));
        put(l, "HighBit", Integer.toString(bits - 1));
        put(l, "PixelRepresentation", signed ? "1" : "0");
    }

    /** The node's version, for Software Versions (0018,1020). */
    static String softwareVersion() {
        String version = Part10Writer.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
