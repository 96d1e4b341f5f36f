package org.vertreg.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vertreg.dicom.SyntheticCtFiles.ctImage;
import static org.vertreg.dicom.SyntheticCtFiles.item;
import static org.vertreg.dicom.SyntheticCtFiles.put;
import static org.vertreg.dicom.SyntheticCtFiles.putDoubles;
import static org.vertreg.dicom.SyntheticCtFiles.putGroup;
import static org.vertreg.dicom.SyntheticCtFiles.putInstanceNumber;
import static org.vertreg.dicom.SyntheticCtFiles.write;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.IntegerStringAttribute;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.imaging.AssemblyResult;
import org.vertreg.imaging.CtSlice;
import org.vertreg.imaging.SliceStackAssembler;

class CtSliceReaderTest {

    private static final double[] AXIAL = {1, 0, 0, 0, 1, 0};

    @TempDir
    Path dir;

    /** A 2×3 CT image at z with the given stored values, 12 bits stored, pixel spacing 0.8 (rows) × 0.6 (columns). */
    private static AttributeList classic(short[] pixels, int highBit, boolean signed) throws Exception {
        AttributeList list = ctImage("1.2.826.0.1.3680043.2.1", 2, 3, pixels, 12, highBit, signed);
        putInstanceNumber(list, 4);
        putDoubles(list, TagFromName.ImagePositionPatient, -10, 20, 30.5);
        putDoubles(list, TagFromName.ImageOrientationPatient, AXIAL);
        putDoubles(list, TagFromName.PixelSpacing, 0.8, 0.6);
        putDoubles(list, TagFromName.SliceThickness, 1.25);
        putDoubles(list, TagFromName.RescaleSlope, 2);
        putDoubles(list, TagFromName.RescaleIntercept, -1000);
        return list;
    }

    private CtSlice readOne(AttributeList list) throws Exception {
        List<CtSlice> slices = CtSliceReader.read(write(list, dir.resolve("ct.dcm").toFile()));
        assertEquals(1, slices.size());
        return slices.get(0);
    }

    @Test
    void classicImageGivesGeometryAndRescaledHu() throws Exception {
        CtSlice slice = readOne(classic(new short[] {0, 1, 500, 1000, 4095, 2048}, 11, false));

        assertEquals("1.2.826.0.1.3680043.2.1", slice.sopInstanceUid());
        assertEquals(4, slice.instanceNumber());
        assertEquals(1, slice.frameNumber());
        assertEquals(2, slice.rows());
        assertEquals(3, slice.columns());
        assertArrayEquals(new double[] {-10, 20, 30.5}, slice.imagePosition());
        assertArrayEquals(AXIAL, slice.imageOrientation());
        assertArrayEquals(new double[] {0.8, 0.6}, slice.pixelSpacing());
        assertEquals(1.25, slice.sliceThickness());
        assertArrayEquals(new float[] {-1000, -998, 0, 1000, 7190, 3096}, slice.hu());
        assertEquals(1000, slice.huAt(1, 0));
    }

    @Test
    void bitsAboveBitsStoredAreIgnored() throws Exception {
        // Bit 15 set (e.g. an old overlay plane) must not change the 12-bit value.
        CtSlice slice = readOne(classic(new short[] {(short) 0x8000, (short) 0x83E8, 1, 2, 3, 4}, 11, false));

        assertEquals(-1000, slice.hu()[0]);
        assertEquals(1000, slice.hu()[1]);
    }

    @Test
    void signedPixelsAreSignExtendedFromBitsStored() throws Exception {
        // 12-bit two's complement: 0xFFF is -1, 0x800 is -2048; garbage in the top nibble must not matter.
        short[] pixels = {(short) 0x0FFF, (short) 0x7800, (short) 0xF7FF, 5, (short) 0xFFFB, 0};
        CtSlice slice = readOne(classic(pixels, 11, true));

        assertArrayEquals(new float[] {-1002, -5096, 3094, -990, -1010, -1000}, slice.hu());
    }

    @Test
    void highBitAboveBitsStoredShiftsValuesDown() throws Exception {
        CtSlice slice = readOne(classic(new short[] {16, 32, 48, 0, 0, (short) 0xFFF0}, 15, false));

        assertArrayEquals(new float[] {-998, -996, -994, -1000, -1000, 7190}, slice.hu());
    }

    @Test
    void missingRescaleMeansSlopeOneInterceptZero() throws Exception {
        AttributeList list = classic(new short[] {0, 1, 2, 3, 4, 5}, 11, false);
        list.remove(TagFromName.RescaleSlope);
        list.remove(TagFromName.RescaleIntercept);
        list.remove(TagFromName.SliceThickness);
        list.remove(TagFromName.InstanceNumber);

        CtSlice slice = readOne(list);

        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, slice.hu());
        assertNull(slice.sliceThickness());
        assertNull(slice.instanceNumber());
    }

    @Test
    void missingGeometryNamesTheTag() throws Exception {
        assertMissing(TagFromName.ImagePositionPatient, "missing Image Position (Patient) (0020,0032)");
        assertMissing(TagFromName.ImageOrientationPatient, "missing Image Orientation (Patient) (0020,0037)");
        assertMissing(TagFromName.PixelSpacing, "missing Pixel Spacing (0028,0030)");
        assertMissing(TagFromName.Rows, "missing Rows (0028,0010)");
    }

    private void assertMissing(com.pixelmed.dicom.AttributeTag tag, String expected) throws Exception {
        AttributeList list = classic(new short[6], 11, false);
        list.remove(tag);
        File file = write(list, dir.resolve("missing.dcm").toFile());
        IOException e = assertThrows(CtSliceReader.UnusableSliceException.class, () -> CtSliceReader.read(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void emptySopUidsFallBackToTheFileMetaInformation() throws Exception {
        // As in the shared JPEG 2000 series: the de-identifier emptied (0008,0016) and (0008,0018) only.
        AttributeList list = classic(new short[6], 11, false);
        FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, "VERTREG_TEST");
        list.put(new UniqueIdentifierAttribute(TagFromName.SOPClassUID));
        list.put(new UniqueIdentifierAttribute(TagFromName.SOPInstanceUID));
        File file = dir.resolve("ct.dcm").toFile();
        list.write(file, TransferSyntax.ExplicitVRLittleEndian, true, true);

        assertEquals("1.2.826.0.1.3680043.2.1", CtSliceReader.read(file).get(0).sopInstanceUid());
    }

    @Test
    void wrongValueCountIsReported() throws Exception {
        AttributeList list = classic(new short[6], 11, false);
        putDoubles(list, TagFromName.PixelSpacing, 0.8);
        File file = write(list, dir.resolve("ct.dcm").toFile());

        IOException e = assertThrows(CtSliceReader.UnusableSliceException.class, () -> CtSliceReader.read(file));
        assertTrue(e.getMessage().contains("Pixel Spacing (0028,0030) has 1 values, expected 2"), e.getMessage());
    }

    @Test
    void nonNumericGeometryIsReported() throws Exception {
        AttributeList list = classic(new short[6], 11, false);
        put(list, new DecimalStringAttribute(TagFromName.ImagePositionPatient), "1", "two", "3");
        File file = write(list, dir.resolve("ct.dcm").toFile());

        IOException e = assertThrows(CtSliceReader.UnusableSliceException.class, () -> CtSliceReader.read(file));
        assertTrue(e.getMessage().contains("Image Position (Patient) (0020,0032) is not numeric: 1\\two\\3"),
                e.getMessage());
    }

    @Test
    void nonCtImageIsRefused() throws Exception {
        AttributeList list = classic(new short[6], 11, false);
        put(list, new UniqueIdentifierAttribute(TagFromName.SOPClassUID), SOPClass.MRImageStorage);
        File file = write(list, dir.resolve("mr.dcm").toFile());

        IOException e = assertThrows(CtSliceReader.UnusableSliceException.class, () -> CtSliceReader.read(file));
        assertTrue(e.getMessage().contains("SOP Class UID (0008,0016) " + SOPClass.MRImageStorage), e.getMessage());
    }

    /** Enhanced CT, 3 frames of 2×2 along -z; frame 2 overrides the shared rescale. */
    private static AttributeList enhanced(boolean withFrame2Position) throws Exception {
        short[] pixels = {0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23};
        AttributeList list = ctImage("1.2.826.0.1.3680043.2.2", 2, 2, pixels, 16, 15, false);
        put(list, new UniqueIdentifierAttribute(TagFromName.SOPClassUID), SOPClass.EnhancedCTImageStorage);
        put(list, new IntegerStringAttribute(TagFromName.NumberOfFrames), 3);
        putInstanceNumber(list, 1);

        AttributeList shared = new AttributeList();
        AttributeList measures = item(TagFromName.PixelSpacing, 0.7, 0.9);
        putDoubles(measures, TagFromName.SliceThickness, 2.0);
        putGroup(shared, TagFromName.PixelMeasuresSequence, measures);
        putGroup(shared, TagFromName.PlaneOrientationSequence, item(TagFromName.ImageOrientationPatient, AXIAL));
        AttributeList rescale = item(TagFromName.RescaleSlope, 1);
        putDoubles(rescale, TagFromName.RescaleIntercept, -1024);
        putGroup(shared, TagFromName.PixelValueTransformationSequence, rescale);
        putGroup(list, TagFromName.SharedFunctionalGroupsSequence, shared);

        SequenceAttribute perFrame = new SequenceAttribute(TagFromName.PerFrameFunctionalGroupsSequence);
        for (int f = 0; f < 3; f++) {
            AttributeList frame = new AttributeList();
            if (f != 1 || withFrame2Position) {
                putGroup(frame, TagFromName.PlanePositionSequence, item(TagFromName.ImagePositionPatient, 1, 2, -1.5 * f));
            }
            if (f == 1) {
                AttributeList own = item(TagFromName.RescaleSlope, 2);
                putDoubles(own, TagFromName.RescaleIntercept, -1000);
                putGroup(frame, TagFromName.PixelValueTransformationSequence, own);
            }
            perFrame.addItem(frame);
        }
        list.put(perFrame);
        return list;
    }

    @Test
    void enhancedCtGivesOneSlicePerFrameFromFunctionalGroups() throws Exception {
        List<CtSlice> frames = CtSliceReader.read(write(enhanced(true), dir.resolve("enhanced.dcm").toFile()));

        assertEquals(3, frames.size());
        for (int f = 0; f < 3; f++) {
            CtSlice s = frames.get(f);
            assertEquals(f + 1, s.frameNumber());
            assertEquals(1, s.instanceNumber());
            assertArrayEquals(new double[] {1, 2, -1.5 * f}, s.imagePosition(), 0);
            assertArrayEquals(AXIAL, s.imageOrientation());
            assertArrayEquals(new double[] {0.7, 0.9}, s.pixelSpacing());
            assertEquals(2.0, s.sliceThickness());
        }
        assertArrayEquals(new float[] {-1024, -1023, -1022, -1021}, frames.get(0).hu());
        assertArrayEquals(new float[] {-980, -978, -976, -974}, frames.get(1).hu());
        assertArrayEquals(new float[] {-1004, -1003, -1002, -1001}, frames.get(2).hu());

        AssemblyResult result = new SliceStackAssembler().assemble(frames);
        AssemblyResult.Assembled volume = (AssemblyResult.Assembled) result;
        assertEquals(3, volume.volume().grid().nz());
        assertEquals(-980, volume.volume().at(0, 0, 1));
    }

    @Test
    void enhancedCtFrameWithoutPositionNamesFrameAndSequence() throws Exception {
        File file = write(enhanced(false), dir.resolve("enhanced.dcm").toFile());

        IOException e = assertThrows(CtSliceReader.UnusableSliceException.class, () -> CtSliceReader.read(file));
        assertTrue(e.getMessage().contains(
                "missing Image Position (Patient) (0020,0032) in Plane Position Sequence (0020,9113) of frame 2"),
                e.getMessage());
    }

    @Test
    void enhancedCtCompressedWithRleDecodesEveryFrame() throws Exception {
        File plain = write(enhanced(true), dir.resolve("enhanced.dcm").toFile());
        File rle = DcmtkCopies.convert(plain, dir.resolve("enhanced-rle.dcm").toFile(), "dcmcrle");

        List<CtSlice> original = CtSliceReader.read(plain), decoded = CtSliceReader.read(rle);

        assertEquals(3, decoded.size());
        for (int f = 0; f < 3; f++) {
            assertArrayEquals(original.get(f).hu(), decoded.get(f).hu());
        }
    }

    @Test
    void undecodableReasonIsEmptyForGoodPixelData() throws Exception {
        File file = write(classic(new short[6], 11, false), dir.resolve("ct.dcm").toFile());

        assertTrue(CtSliceReader.undecodableReason(file).isEmpty());
    }

    @Test
    void undecodableReasonExplainsTruncatedCompressedData() throws Exception {
        File jpeg = DcmtkCopies.convert(CptacData.slice(), dir.resolve("jpeg.dcm").toFile(), "dcmcjpeg", "+e1");
        byte[] bytes = Files.readAllBytes(jpeg.toPath());
        File truncated = dir.resolve("truncated.dcm").toFile();
        Files.write(truncated.toPath(), Arrays.copyOf(bytes, bytes.length / 2));

        String reason = CtSliceReader.undecodableReason(truncated).orElseThrow();

        assertTrue(reason.contains("transfer syntax 1.2.840.10008.1.2.4.70"), reason);
        assertTrue(reason.contains("could not be decoded"), reason);
        assertThrows(IOException.class, () -> CtSliceReader.read(truncated));
    }

    @Test
    void undecodableReasonExplainsNonDicom() throws Exception {
        File text = Files.writeString(dir.resolve("notes.txt"), "not DICOM at all").toFile();

        assertTrue(CtSliceReader.undecodableReason(text).isPresent());
    }

    @Test
    void undecodableReasonExplainsMissingPixelData() throws Exception {
        AttributeList list = classic(new short[6], 11, false);
        list.remove(TagFromName.PixelData);
        File file = write(list, dir.resolve("nopixels.dcm").toFile());

        assertEquals(file + ": missing Pixel Data (7FE0,0010)", CtSliceReader.undecodableReason(file).orElseThrow());
    }
}
