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
        InstanceHeader fromFile = InstanceHeaderReader.read(file);
        assertEquals(fromFile, InstanceHeaderReader.read(Arrays.copyOf(all, DimseRequestReceiver.LEADING_BYTES), file));
        assertEquals(fromFile, InstanceHeaderReader.read(Arrays.copyOf(all, 1500), file), "a header cut short is read from the file");
        assertEquals(fromFile, InstanceHeaderReader.read(new byte[0], file));
        assertEquals("CT", fromFile.modality());
        assertEquals("0.564453125\\0.564453125", fromFile.pixelSpacing());
    }

    @Test
    void garbageIsCannotUnderstand() throws Exception {
        Path file = dir.resolve("garbage.dcm");
        Files.write(file, new byte[] {1, 2, 3, 4, 5});
        DicomStatusException e = assertThrows(DicomStatusException.class, () -> InstanceHeaderReader.read(file));
        assertEquals(DicomStatus.CANNOT_UNDERSTAND, e.status());
    }
}
