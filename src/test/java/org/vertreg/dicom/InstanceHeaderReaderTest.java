package org.vertreg.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.testing.SharedData;

/** The header is the same whether parsed from the bytes kept in memory or from the file, and a cut-short copy falls back to the file. */
class InstanceHeaderReaderTest {
    @TempDir
    Path dir;

    @Test
    void leadingBytesAndFileGiveTheSameHeader() throws Exception {
        Path file = SharedData.path(SharedData.CPTAC_CHEST_DICOM).resolve("000042.dcm");
        byte[] all = Files.readAllBytes(file);
        InstanceHeaderReader.Reading fromFile = InstanceHeaderReader.read(new byte[0], file);
        assertEquals(fromFile.header(), InstanceHeaderReader.read(file));
        for (int kept : new int[] {DimseRequestReceiver.LEADING_BYTES, 1500}) { // 1500: a header cut short is read from the file
            InstanceHeaderReader.Reading fromBytes = InstanceHeaderReader.read(Arrays.copyOf(all, kept), file);
            assertEquals(fromFile.header(), fromBytes.header());
            assertEquals(fromFile.pixelDataTagEnd(), fromBytes.pixelDataTagEnd());
        }
        long tagEnd = fromFile.pixelDataTagEnd();
        assertEquals(java.util.List.of((byte) 0xE0, (byte) 0x7F, (byte) 0x10, (byte) 0x00),
                java.util.List.of(all[(int) tagEnd - 4], all[(int) tagEnd - 3], all[(int) tagEnd - 2], all[(int) tagEnd - 1]),
                "the offset is just after the Pixel Data tag");
        assertEquals("CT", fromFile.header().modality());
        assertEquals("0.564453125\\0.564453125", fromFile.header().pixelSpacing());
    }

    @Test
    void garbageIsCannotUnderstand() throws Exception {
        Path file = dir.resolve("garbage.dcm");
        Files.write(file, new byte[] {1, 2, 3, 4, 5});
        DicomStatusException e = assertThrows(DicomStatusException.class, () -> InstanceHeaderReader.read(file));
        assertEquals(DicomStatus.CANNOT_UNDERSTAND, e.status());
    }
}
