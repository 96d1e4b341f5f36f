package org.vertreg.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NiftiWriterTest {

    @TempDir
    Path dir;

    /** A rotation about an oblique axis, so that no direction entry is 0 or ±1. */
    static double[] obliqueDirection() {
        double ax = Math.toRadians(20), az = Math.toRadians(35);
        double[] rx = {1, 0, 0, 0, Math.cos(ax), -Math.sin(ax), 0, Math.sin(ax), Math.cos(ax)};
        double[] rz = {Math.cos(az), -Math.sin(az), 0, Math.sin(az), Math.cos(az), 0, 0, 0, 1};
        double[] m = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                for (int k = 0; k < 3; k++) {
                    m[3 * r + c] += rz[3 * r + k] * rx[3 * k + c];
                }
            }
        }
        return m;
    }

    static VolumeGrid obliqueGrid() {
        return new VolumeGrid(7, 5, 4, new double[] {0.8, 1.25, 2.5}, new double[] {-12.5, 40.25, -301.75}, obliqueDirection());
    }

    @Test
    void integralVolumeRoundTripsAsInt16() throws IOException {
        VolumeGrid grid = obliqueGrid();
        float[] hu = new float[grid.voxelCount()];
        for (int i = 0; i < hu.length; i++) {
            hu[i] = -1024 + 37 * i;
        }
        Path file = dir.resolve("ct.nii.gz");
        NiftiWriter.write(new Volume(grid, hu), file);
        assertEquals(4, header(file).getShort(70), "datatype int16");
        Volume back = NiftiReader.readVolume(file);
        assertArrayEquals(hu, back.hu());
        assertSameGrid(grid, back.grid());
    }

    @Test
    void fractionalVolumeRoundTripsAsFloat32() throws IOException {
        VolumeGrid grid = VolumeGrid.axisAligned(3, 4, 5, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        float[] hu = new float[grid.voxelCount()];
        for (int i = 0; i < hu.length; i++) {
            hu[i] = i * 0.37f - 5000;  // fractional and below the int16 range
        }
        Path file = dir.resolve("ct.nii");
        NiftiWriter.write(new Volume(grid, hu), file);
        assertEquals(16, header(file).getShort(70), "datatype float32");
        assertArrayEquals(hu, NiftiReader.readVolume(file).hu());
    }

    @Test
    void labelsRoundTripAsUint8Int16OrUint16() throws IOException {
        VolumeGrid grid = obliqueGrid();
        int[][] cases = {{0, 22, 255}, {0, 300, 32767}, {0, 40000, 65535}};
        int[] expectedType = {2, 4, 512};
        for (int c = 0; c < cases.length; c++) {
            short[] labels = new short[grid.voxelCount()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = (short) cases[c][i % 3];
            }
            Path file = dir.resolve("labels" + c + ".nii.gz");
            NiftiWriter.write(new LabelMap(grid, labels), file);
            assertEquals(expectedType[c], header(file).getShort(70));
            LabelMap back = NiftiReader.readLabels(file);
            assertArrayEquals(labels, back.labels());
            assertSameGrid(grid, back.grid());
        }
    }

    @Test
    void qformAloneGivesTheSameGrid() throws IOException {
        for (VolumeGrid grid : new VolumeGrid[] {obliqueGrid(), leftHanded(obliqueGrid()), rotated180()}) {
            Path file = dir.resolve("q.nii");
            NiftiWriter.write(new LabelMap(grid, new short[grid.voxelCount()]), file);
            patchShort(file, 254, (short) 0);  // sform_code 0: readers must fall back to the quaternion
            assertSameGrid(grid, NiftiReader.readGrid(file));
        }
    }

    @Test
    void withoutTransformsOnlyPixdimCounts() throws IOException {
        VolumeGrid grid = obliqueGrid();
        Path file = dir.resolve("p.nii");
        NiftiWriter.write(new LabelMap(grid, new short[grid.voxelCount()]), file);
        patchShort(file, 252, (short) 0);
        patchShort(file, 254, (short) 0);
        VolumeGrid back = NiftiReader.readGrid(file);
        assertArrayEquals(grid.spacing(), back.spacing(), 1e-6);
        assertArrayEquals(new double[] {0, 0, 0}, back.origin(), 0);
        assertArrayEquals(new double[] {-1, 0, 0, 0, -1, 0, 0, 0, 1}, back.direction(), 0);
    }

    @Test
    void realObliqueFileSurvivesARoundTrip() throws IOException {
        Volume ct = NiftiReader.readVolume(NiftiReaderTest.TPTBOX.resolve("sub-ct_label-22_ct.nii.gz"));
        Path file = dir.resolve("copy.nii.gz");
        NiftiWriter.write(ct, file);
        Volume back = NiftiReader.readVolume(file);
        assertArrayEquals(ct.hu(), back.hu());
        assertEquals(ct.grid(), back.grid());
    }

    static VolumeGrid leftHanded(VolumeGrid g) {
        double[] d = g.direction().clone();
        d[2] = -d[2];
        d[5] = -d[5];
        d[8] = -d[8];
        return new VolumeGrid(g.nx(), g.ny(), g.nz(), g.spacing(), g.origin(), d);
    }

    /** A 180° rotation in RAS, the quaternion's degenerate case (a = 0). */
    static VolumeGrid rotated180() {
        return new VolumeGrid(4, 3, 2, new double[] {1, 2, 3}, new double[] {1, 2, 3}, new double[] {1, 0, 0, 0, -1, 0, 0, 0, -1});
    }

    static void assertSameGrid(VolumeGrid expected, VolumeGrid actual) {
        assertEquals(expected.nx(), actual.nx());
        assertEquals(expected.ny(), actual.ny());
        assertEquals(expected.nz(), actual.nz());
        assertArrayEquals(expected.spacing(), actual.spacing(), 1e-5);
        assertArrayEquals(expected.origin(), actual.origin(), 1e-4);
        assertArrayEquals(expected.direction(), actual.direction(), 1e-6);
        assertTrue(expected.sameGeometry(actual, 1e-3));
    }

    private static ByteBuffer header(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            InputStream data = file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
            return ByteBuffer.wrap(data.readNBytes(348)).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    private static void patchShort(Path file, int offset, short value) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(offset, value);
        Files.write(file, bytes);
    }
}
