package org.vertreg.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vertreg.dicom.CtSeriesWriterTest.assertNoDciodvfyErrors;
import static org.vertreg.dicom.CtSeriesWriterTest.read;
import static org.vertreg.dicom.CtSeriesWriterTest.string;
import static org.vertreg.dicom.SpatialRegistrationWriterTest.items;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.imaging.OverlayImage;
import org.vertreg.testing.TestUids;

class OverlayCaptureWriterTest {

    @TempDir
    Path dir;

    final OverlayCaptureWriter writer = new OverlayCaptureWriter(SpatialRegistrationWriterTest.CLOCK);

    static OverlayCaptureContent content() {
        return new OverlayCaptureContent(SpatialRegistrationWriterTest.xrayStudy(), SpatialRegistrationWriterTest.xray(),
                TestUids.of("SC/series"), TestUids.of("SC/instance"), "Vertreg overlay", SpatialRegistrationWriterTest.summary(false),
                new Equipment("Vertreg", "node-1", "1.2.3"));
    }

    /** An X-ray ramp at ×2 with a square outline and a legend, as the node draws it. */
    static BufferedImage overlay() {
        int columns = 64, rows = 48;
        float[] grey = new float[columns * rows];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = (i * 7) % 256;
        }
        boolean[] outline = new boolean[columns * rows];
        for (int k = 20; k < 40; k++) {
            outline[20 * columns + k] = outline[39 * columns + k] = outline[k * columns + 20] = outline[k * columns + 39] = true;
        }
        return OverlayImage.of(grey, columns, rows, 2).outline(outline, columns, rows, Color.GREEN, "registered")
                .legend(List.of("L3 quality 0.873")).toRgb();
    }

    @Test
    void writesAValidRgbCaptureInTheXraysStudy() throws Exception {
        BufferedImage picture = overlay();
        Path file = dir.resolve("sc.dcm");
        writer.write(picture, content(), file);
        assertNoDciodvfyErrors(file);

        AttributeList l = read(file);
        assertEquals(OverlayCaptureWriter.SECONDARY_CAPTURE_IMAGE_STORAGE, string(l, TagFromName.SOPClassUID));
        assertEquals(TestUids.of("SC/instance"), string(l, TagFromName.SOPInstanceUID));
        assertEquals(TestUids.of("SC/series"), string(l, TagFromName.SeriesInstanceUID));
        assertEquals(TestUids.of("SRO/study"), string(l, TagFromName.StudyInstanceUID));
        assertEquals("PAT-7", string(l, TagFromName.PatientID));
        assertEquals("WSD", string(l, TagFromName.ConversionType));
        assertEquals("YES", string(l, TagFromName.BurnedInAnnotation));
        assertEquals("RGB", string(l, TagFromName.PhotometricInterpretation));
        assertEquals(3, Attribute.getSingleIntegerValueOrDefault(l, TagFromName.SamplesPerPixel, 0));
        assertEquals(0, Attribute.getSingleIntegerValueOrDefault(l, TagFromName.PlanarConfiguration, -1));
        assertEquals(8, Attribute.getSingleIntegerValueOrDefault(l, TagFromName.BitsAllocated, 0));
        assertEquals(picture.getHeight(), Attribute.getSingleIntegerValueOrDefault(l, TagFromName.Rows, 0));
        assertEquals(picture.getWidth(), Attribute.getSingleIntegerValueOrDefault(l, TagFromName.Columns, 0));
        AttributeList source = items(l, TagFromName.SourceImageSequence).get(0);
        assertEquals(XrayWriter.DX_FOR_PRESENTATION, string(source, TagFromName.ReferencedSOPClassUID));
        assertEquals(TestUids.of("SRO/xray"), string(source, TagFromName.ReferencedSOPInstanceUID));
        assertTrue(string(l, TagFromName.ImageComments).startsWith("Vertebra L3 registered, quality score 0.8734;"),
                string(l, TagFromName.ImageComments));
        assertPixelsAre(picture, l);
    }

    @Test
    void anOddNumberOfBytesIsPaddedAndEveryPixelComesBack() throws Exception {
        BufferedImage picture = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(11);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                picture.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        Path file = dir.resolve("odd.dcm");
        writer.write(picture, content(), file);
        assertNoDciodvfyErrors(file);
        AttributeList l = read(file);
        assertEquals(3 * 7 * 5 + 1, l.get(TagFromName.PixelData).getByteValues().length);
        assertPixelsAre(picture, l);
    }

    @Test
    void theSameContentWritesTheSameObjectAgain() throws Exception {
        writer.write(overlay(), content(), dir.resolve("first.dcm"));
        writer.write(overlay(), content(), dir.resolve("retry.dcm"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("first.dcm")), Files.readAllBytes(dir.resolve("retry.dcm")));
    }

    private static void assertPixelsAre(BufferedImage picture, AttributeList l) throws Exception {
        byte[] stored = l.get(TagFromName.PixelData).getByteValues();
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                int i = 3 * (y * picture.getWidth() + x);
                int rgb = (stored[i] & 0xFF) << 16 | (stored[i + 1] & 0xFF) << 8 | stored[i + 2] & 0xFF;
                assertEquals(picture.getRGB(x, y) & 0xFFFFFF, rgb, "pixel " + x + "," + y);
            }
        }
    }
}
