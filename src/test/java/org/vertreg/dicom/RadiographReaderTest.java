package org.vertreg.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.IntegerStringAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import com.pixelmed.dicom.UnsignedShortAttribute;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.Vector3;
import org.vertreg.imaging.Radiograph;

class RadiographReaderTest {

    @TempDir
    Path dir;

    /** Non-square, so that a row/column mix-up shows; angles and distances away from the defaults. */
    static final CarmGeometry CARM = new CarmGeometry(1100, 700, 96, 80, 0.3, new Vector3(5, -20, 300), 15, -5);

    /** A left-to-right gradient from 20 to 220 with a bright disc (240) of radius 12 at (60, 30). */
    static float[] image(int columns, int rows, double discColumn, double discRow) {
        float[] g = new float[columns * rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                boolean disc = Math.hypot(c - discColumn, r - discRow) <= 12;
                g[r * columns + c] = disc ? 240 : Math.round(20 + 200.0 * c / (columns - 1));
            }
        }
        return g;
    }

    static final float[] GREY = image(96, 80, 60, 30);

    private Path written() throws IOException {
        Path file = dir.resolve("dx.dcm");
        new XrayWriter().write(GREY, CARM, new XrayWriter.TruePose(Pose.identity(), CARM.isocentre()), XrayWriter.Options.defaults(), file);
        return file;
    }

    private AttributeList fixture() throws Exception {
        return CtSeriesWriterTest.read(written());
    }

    private Path rewrite(AttributeList l, String name) throws Exception {
        return SyntheticCtFiles.write(l, dir.resolve(name).toFile()).toPath();
    }

    private static short[] stored(AttributeList l) throws Exception {
        return l.get(TagFromName.PixelData).getShortValues().clone();
    }

    private static void setPixels(AttributeList l, short[] words) throws Exception {
        OtherWordAttribute pixels = new OtherWordAttribute(TagFromName.PixelData);
        pixels.setValues(words);
        l.put(pixels);
    }

    private static void putString(AttributeList l, Attribute a, String... values) throws Exception {
        for (String v : values) {
            a.addValue(v);
        }
        l.put(a);
    }

    private static void putLut(AttributeList l, AttributeTag sequence, int entries, short[] values) throws Exception {
        AttributeList item = new AttributeList();
        UnsignedShortAttribute descriptor = new UnsignedShortAttribute(TagFromName.LUTDescriptor);
        descriptor.addValue(entries);
        descriptor.addValue(0);
        descriptor.addValue(16);
        item.put(descriptor);
        OtherWordAttribute data = new OtherWordAttribute(TagFromName.LUTData);
        data.setValues(values);
        item.put(data);
        SequenceAttribute s = new SequenceAttribute(sequence);
        s.addItem(item);
        l.put(s);
    }

    private static short[] inverted(short[] words) {
        short[] out = new short[words.length];
        for (int i = 0; i < words.length; i++) {
            out[i] = (short) (65535 - (words[i] & 0xFFFF));
        }
        return out;
    }

    private static boolean noted(Radiograph x, String text) {
        return x.notes().stream().anyMatch(n -> n.contains(text));
    }

    @Test
    void ownDxReadsBackExactly() throws Exception {
        Radiograph x = RadiographReader.read(written());
        assertArrayEquals(GREY, x.grey(), 0.01f);
        assertEquals(96, x.columns());
        assertEquals(80, x.rows());
        assertEquals(0.3, x.columnSpacingMm());
        assertEquals(0.3, x.rowSpacingMm());
        assertEquals(1100.0, x.sourceToDetectorMm());
        assertEquals(700.0, x.sourceToIsocentreMm());
        assertEquals(15.0, x.primaryAngleDegrees());
        assertEquals(-5.0, x.secondaryAngleDegrees());
        assertEquals(CARM.patientOrientation(), x.patientOrientation());
        assertEquals(List.of(), x.notes());
    }

    @Test
    void monochrome1CopyReadsToTheSameGrey() throws Exception {
        AttributeList l = fixture();
        setPixels(l, inverted(stored(l)));
        putString(l, new CodeStringAttribute(TagFromName.PhotometricInterpretation), "MONOCHROME1");
        putString(l, new CodeStringAttribute(TagFromName.PresentationLUTShape), "INVERSE");
        Radiograph x = RadiographReader.read(rewrite(l, "m1.dcm"));
        assertArrayEquals(GREY, x.grey(), 0.01f);
        assertEquals(List.of("MONOCHROME1: inverted so that bone is bright"), x.notes());
    }

    @Test
    void presentationLutShapeInverseReadsToTheSameGrey() throws Exception {
        AttributeList l = fixture();
        setPixels(l, inverted(stored(l)));
        putString(l, new CodeStringAttribute(TagFromName.PresentationLUTShape), "INVERSE");
        Radiograph x = RadiographReader.read(rewrite(l, "inverse.dcm"));
        assertArrayEquals(GREY, x.grey(), 0.01f);
        assertTrue(noted(x, "Presentation LUT Shape (2050,0020) INVERSE"), x.notes().toString());
    }

    @Test
    void rescaleThenTheFirstWindow() throws Exception {
        AttributeList l = fixture();
        short[] words = new short[GREY.length];
        for (int i = 0; i < words.length; i++) {
            words[i] = (short) (10 * GREY[i] + 500);  // modality value 2·stored − 1000 = 20·grey
        }
        setPixels(l, words);
        putString(l, new DecimalStringAttribute(TagFromName.RescaleSlope), "2");
        putString(l, new DecimalStringAttribute(TagFromName.RescaleIntercept), "-1000");
        // Linear window of C.11.2.1.2.1: (x − (c − 0.5))/(w − 1) + 0.5 gives x/5100 for c = 2550.5, w = 5101.
        putString(l, new DecimalStringAttribute(TagFromName.WindowCenter), "2550.5", "100");
        putString(l, new DecimalStringAttribute(TagFromName.WindowWidth), "5101", "50");
        Radiograph x = RadiographReader.read(rewrite(l, "rescaled.dcm"));
        assertArrayEquals(GREY, x.grey(), 0.01f);
        assertTrue(noted(x, "2 windows: the first, centre 2550.5 width 5101, is used"), x.notes().toString());
    }

    @Test
    void sigmoidWindow() throws Exception {
        AttributeList l = fixture();
        putString(l, new CodeStringAttribute(TagFromName.VOILUTFunction), "SIGMOID");
        putString(l, new DecimalStringAttribute(TagFromName.WindowCenter), "30000");
        putString(l, new DecimalStringAttribute(TagFromName.WindowWidth), "20000");
        Radiograph x = RadiographReader.read(rewrite(l, "sigmoid.dcm"));
        for (int i = 0; i < GREY.length; i += 97) {
            double expected = 255 / (1 + Math.exp(-4 * (GREY[i] * 257 - 30000) / 20000.0));
            assertEquals(expected, x.grey()[i], 1e-3);
        }
    }

    @Test
    void modalityAndVoiLutSequences() throws Exception {
        AttributeList l = fixture();
        l.remove(TagFromName.WindowCenter);
        l.remove(TagFromName.WindowWidth);
        l.remove(TagFromName.RescaleSlope);
        l.remove(TagFromName.RescaleIntercept);
        // Modality LUT: stored / 2 over all 65536 inputs (a first descriptor value of 0 means 65536); VOI LUT: 2·x over 32768.
        short[] halve = new short[65536], twice = new short[32768];
        for (int i = 0; i < halve.length; i++) {
            halve[i] = (short) (i >> 1);
        }
        for (int i = 0; i < twice.length; i++) {
            twice[i] = (short) (2 * i);
        }
        putLut(l, new AttributeTag(0x0028, 0x3000), 0, halve);
        putLut(l, TagFromName.VOILUTSequence, 32768, twice);
        Radiograph x = RadiographReader.read(rewrite(l, "luts.dcm"));
        assertArrayEquals(GREY, x.grey(), 0.01f);  // 2·⌊stored/2⌋ / 65535 · 255 = grey
        assertEquals(List.of(), x.notes());
    }

    @Test
    void withoutWindowTheFrameRangeIsShownAndNoted() throws Exception {
        AttributeList l = fixture();
        l.remove(TagFromName.WindowCenter);
        l.remove(TagFromName.WindowWidth);
        Radiograph x = RadiographReader.read(rewrite(l, "nowindow.dcm"));
        float min = 20, max = 240;
        for (int i = 0; i < GREY.length; i++) {
            assertEquals((GREY[i] - min) / (max - min) * 255, x.grey()[i], 0.01);
        }
        assertTrue(noted(x, "no Window Center/Width (0028,1050/1051) or VOI LUT Sequence (0028,3010): the frame's range 5140 to 61680"),
                x.notes().toString());
    }

    @Test
    void missingGeometryTakesTheCarmDefaultsAndSaysEach() throws Exception {
        AttributeList l = fixture();
        for (AttributeTag t : List.of(TagFromName.DistanceSourceToDetector, TagFromName.DistanceSourceToPatient,
                TagFromName.EstimatedRadiographicMagnificationFactor, XrayWriter.IMAGER_PIXEL_SPACING, XrayWriter.POSITIONER_PRIMARY_ANGLE,
                XrayWriter.POSITIONER_SECONDARY_ANGLE, TagFromName.PatientOrientation)) {
            l.remove(t);
        }
        Radiograph x = RadiographReader.read(rewrite(l, "bare.dcm"));
        assertEquals(CarmGeometry.DEFAULT_SOURCE_TO_DETECTOR_MM, x.sourceToDetectorMm());
        assertEquals(CarmGeometry.DEFAULT_SOURCE_TO_ISOCENTRE_MM, x.sourceToIsocentreMm());
        assertEquals(CarmGeometry.DEFAULT_PIXEL_SPACING_MM, x.columnSpacingMm());
        assertEquals(CarmGeometry.DEFAULT_PIXEL_SPACING_MM, x.rowSpacingMm());
        assertEquals(0.0, x.primaryAngleDegrees());
        assertEquals(0.0, x.secondaryAngleDegrees());
        assertEquals(CarmGeometry.REFERENCE_PATIENT_ORIENTATION, x.patientOrientation());
        assertEquals(List.of("no Distance Source to Detector (0018,1110): the C-arm default 1000 mm is used",
                "no Distance Source to Patient (0018,1111): the C-arm default 600 mm is used",
                "no Imager Pixel Spacing (0018,1164) or Pixel Spacing (0028,0030): the C-arm default 1 mm is used",
                "no Positioner Primary Angle (0018,1510): 0° is used",
                "no Positioner Secondary Angle (0018,1511): 0° is used",
                "no Patient Orientation (0020,0020): R\\F is assumed, as a C-arm at these positioner angles gives it"), x.notes());
        assertArrayEquals(GREY, x.grey(), 0.01f);
    }

    @Test
    void pixelSpacingAtThePatientIsMagnifiedToTheDetector() throws Exception {
        AttributeList l = fixture();
        l.remove(XrayWriter.IMAGER_PIXEL_SPACING);
        l.remove(TagFromName.EstimatedRadiographicMagnificationFactor);
        putString(l, new DecimalStringAttribute(TagFromName.PixelSpacing), "0.21", "0.14");
        Radiograph x = RadiographReader.read(rewrite(l, "calibrated.dcm"));
        assertEquals(0.21 * 1100 / 700, x.rowSpacingMm(), 1e-12);
        assertEquals(0.14 * 1100 / 700, x.columnSpacingMm(), 1e-12);
        assertTrue(noted(x, "taken as calibrated at the patient"), x.notes().toString());
    }

    @Test
    void multiFrameUsesFrameOneAndSaysSo() throws Exception {
        AttributeList l = fixture();
        short[] first = stored(l);
        short[] all = new short[3 * first.length];
        System.arraycopy(first, 0, all, 0, first.length);
        for (int i = first.length; i < all.length; i++) {
            all[i] = (short) (i % 7 * 9000);  // frames 2 and 3: other content
        }
        setPixels(l, all);
        putString(l, new IntegerStringAttribute(TagFromName.NumberOfFrames), "3");
        putString(l, new UniqueIdentifierAttribute(TagFromName.SOPClassUID), StorageSopClasses.XA_IMAGE);
        putString(l, new CodeStringAttribute(TagFromName.Modality), "XA");
        Radiograph x = RadiographReader.read(rewrite(l, "xa.dcm"));
        assertArrayEquals(GREY, x.grey(), 0.01f);
        assertEquals(List.of("multi-frame image of 3 frames: frame 1 is used"), x.notes());
    }

    @Test
    void aCtSliceIsRefused() throws Exception {
        AttributeList ct = SyntheticCtFiles.ctImage("1.2.3.4", 4, 4, new short[16], 12, 11, false);
        Path file = rewrite(ct, "ct.dcm");
        IOException e = assertThrows(IOException.class, () -> RadiographReader.read(file));
        assertTrue(e.getMessage().contains("CT Image Storage (1.2.840.10008.5.1.4.1.1.2), Modality CT, not a projection X-ray"),
                e.getMessage());
    }

    @Test
    void aProjectionClassWithAnotherModalityIsRefused() throws Exception {
        AttributeList l = fixture();
        putString(l, new CodeStringAttribute(TagFromName.Modality), "MR");
        Path file = rewrite(l, "mr.dcm");
        IOException e = assertThrows(IOException.class, () -> RadiographReader.read(file));
        assertTrue(e.getMessage().contains("Modality (0008,0060) MR is not a projection X-ray"), e.getMessage());
    }
}
