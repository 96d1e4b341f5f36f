package org.vertreg.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the shared real NIfTI files; expected facts come from their PROVENANCE.md. */
class NiftiReaderTest {

    static final Path ABDOMEN = Path.of("/work/shared/data/ct/totalseg-example-abdomen");
    static final Path TPTBOX = Path.of("/work/shared/data/ct/tptbox-l3-cutout");

    @Test
    void abdomenCtIsRasConvertedToLps() throws IOException {
        Volume ct = NiftiReader.readVolume(ABDOMEN.resolve("example_ct.nii.gz"));
        VolumeGrid g = ct.grid();
        assertEquals(122, g.nx());
        assertEquals(101, g.ny());
        assertEquals(112, g.nz());
        assertArrayEquals(new double[] {3, 3, 3}, g.spacing(), 1e-9);
        // RAS diag(3,3,3): i runs to the patient's right (−x in LPS), j anterior (−y), k superior (+z).
        assertArrayEquals(new double[] {-1, 0, 0, 0, -1, 0, 0, 0, 1}, g.direction(), 1e-12);
        assertArrayEquals(new double[] {177.95632934570312, -11.319000244140625, 94.3017578125}, g.origin(), 1e-9);
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float v : ct.hu()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(-1207, min);
        assertEquals(3382, max);
    }

    @Test
    void totalSegmentatorVertebraeShareTheCtGridAndHoldLumbarLabels() throws IOException {
        LabelMap labels = NiftiReader.readLabels(ABDOMEN.resolve("totalseg_vertebrae.nii.gz"));
        assertEquals(NiftiReader.readGrid(ABDOMEN.resolve("example_ct.nii.gz")), labels.grid());
        int[] present = labels.presentLabels();
        for (int level = 27; level <= 31; level++) {
            assertTrue(Arrays.binarySearch(present, level) >= 0, "label " + level + " missing from " + Arrays.toString(present));
        }
        assertEquals(76, count(labels, 33), "T11 voxels");
    }

    @Test
    void tptboxCutoutHasObliquePirAxes() throws IOException {
        Volume ct = NiftiReader.readVolume(TPTBOX.resolve("sub-ct_label-22_ct.nii.gz"));
        VolumeGrid g = ct.grid();
        assertEquals(73, g.nx());
        assertEquals(47, g.ny());
        assertEquals(73, g.nz());
        assertArrayEquals(new double[] {1.5, 1.5, 1.5}, g.spacing(), 1e-9);
        // PIR: i → posterior (+y in LPS), j → inferior (−z), k → right (−x). Columns of the row-major matrix.
        assertArrayEquals(new double[] {0, 0, -1, 1, 0, 0, 0, -1, 0}, g.direction(), 1e-12);
        assertArrayEquals(new double[] {78, 135, -34.199981689453125}, g.origin(), 1e-9);
        double[] corner = g.toPatient(72, 46, 72);
        assertArrayEquals(new double[] {78 - 108, 135 + 108, -34.199981689453125 - 69}, corner, 1e-6);
    }

    @Test
    void tptboxVertebraMaskHoldsCompleteL3() throws IOException {
        LabelMap mask = NiftiReader.readLabels(TPTBOX.resolve("sub-ct_seg-vert_label-22_msk.nii.gz"));
        assertArrayEquals(new int[] {21, 22, 23}, mask.presentLabels());
        assertEquals(NiftiReader.readGrid(TPTBOX.resolve("sub-ct_label-22_ct.nii.gz")), mask.grid());
        VolumeGrid g = mask.grid();
        int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE}, hi = {-1, -1, -1};
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    if (mask.at(i, j, k) == 22) {
                        int[] ijk = {i, j, k};
                        for (int a = 0; a < 3; a++) {
                            lo[a] = Math.min(lo[a], ijk[a]);
                            hi[a] = Math.max(hi[a], ijk[a]);
                        }
                    }
                }
            }
        }
        int[] n = {g.nx(), g.ny(), g.nz()};
        for (int a = 0; a < 3; a++) {
            assertTrue(lo[a] > 0 && hi[a] < n[a] - 1, "L3 touches the border along axis " + a);
        }
    }

    @Test
    void quaternionOfTheTptboxFileAgreesWithItsSform(@TempDir Path dir) throws IOException {
        Path original = TPTBOX.resolve("sub-ct_seg-vert_label-22_msk.nii.gz");
        byte[] bytes;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(original))) {
            bytes = in.readAllBytes();
        }
        // The file has qform_code 0 but its writer (nibabel) filled in the quaternion; make the qform the only transform.
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(252, (short) 1).putShort(254, (short) 0);
        Path qformOnly = Files.write(dir.resolve("qform.nii"), bytes);
        NiftiWriterTest.assertSameGrid(NiftiReader.readGrid(original), NiftiReader.readGrid(qformOnly));
    }

    @Test
    void refusesFilesThatAreNotNifti(@TempDir Path dir) throws IOException {
        Path junk = Files.write(dir.resolve("junk.nii"), new byte[400]);
        IOException e = assertThrows(IOException.class, () -> NiftiReader.readVolume(junk));
        assertTrue(e.getMessage().contains("not a NIfTI-1 file"), e.getMessage());
    }

    static int count(LabelMap labels, int label) {
        int n = 0;
        for (short l : labels.labels()) {
            if (l == label) {
                n++;
            }
        }
        return n;
    }
}
