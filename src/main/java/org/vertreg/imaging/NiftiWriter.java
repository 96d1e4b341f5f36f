package org.vertreg.imaging;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes volumes and label maps as single-file NIfTI-1, gzip-compressed when the name ends in {@code .gz}.
 *
 * <p>Both sform and qform (codes 1, scanner) hold the grid's affine converted from LPS to RAS, so any NIfTI reader
 * finds the same geometry whichever transform it prefers. A volume is stored as int16 when every value is an
 * integer in range (lossless and half the size), else as float32; a label map as uint8 when every label is at
 * most 255, else as int16 (uint16 if a label exceeds 32767, so it reads back as the same unsigned label).
 */
public final class NiftiWriter {

    private static final int UINT8 = 2, INT16 = 4, FLOAT32 = 16, UINT16 = 512;
    private static final int VOX_OFFSET = 352;

    private NiftiWriter() {}

    public static void write(Volume volume, Path file) throws IOException {
        float[] hu = volume.hu();
        boolean integral = true;
        for (float v : hu) {
            if (v != Math.rint(v) || v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                integral = false;
                break;
            }
        }
        if (integral) {
            write(volume.grid(), INT16, file, (buf, i) -> buf.putShort((short) hu[i]));
        } else {
            write(volume.grid(), FLOAT32, file, (buf, i) -> buf.putFloat(hu[i]));
        }
    }

    public static void write(LabelMap labelMap, Path file) throws IOException {
        short[] labels = labelMap.labels();
        int max = 0;
        for (short l : labels) {
            max = Math.max(max, l & 0xFFFF);
        }
        int datatype = max <= 255 ? UINT8 : max <= Short.MAX_VALUE ? INT16 : UINT16;
        if (datatype == UINT8) {
            write(labelMap.grid(), UINT8, file, (buf, i) -> buf.put((byte) labels[i]));
        } else {
            write(labelMap.grid(), datatype, file, (buf, i) -> buf.putShort(labels[i]));
        }
    }

    private interface VoxelSource {
        void put(ByteBuffer buf, int index);
    }

    private static void write(VolumeGrid grid, int datatype, Path file, VoxelSource source) throws IOException {
        if (Math.max(grid.nx(), Math.max(grid.ny(), grid.nz())) > Short.MAX_VALUE) {
            throw new IOException("NIfTI-1 dimensions are limited to 32767: " + grid);
        }
        int bytes = datatype == UINT8 ? 1 : datatype == FLOAT32 ? 4 : 2;
        try (OutputStream out = open(file)) {
            out.write(header(grid, datatype, bytes * 8));
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0, n = grid.voxelCount(); i < n; i++) {
                if (buf.remaining() < bytes) {
                    out.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
                source.put(buf, i);
            }
            out.write(buf.array(), 0, buf.position());
        }
    }

    private static OutputStream open(Path file) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(out, 1 << 16) : out;
    }

    /** The 348-byte header plus 4 zero extension bytes. */
    private static byte[] header(VolumeGrid grid, int datatype, int bitpix) {
        ByteBuffer b = ByteBuffer.allocate(VOX_OFFSET).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 348);
        short[] dim = {3, (short) grid.nx(), (short) grid.ny(), (short) grid.nz(), 1, 1, 1, 1};
        for (int d = 0; d < 8; d++) {
            b.putShort(40 + 2 * d, dim[d]);
        }
        b.putShort(70, (short) datatype);
        b.putShort(72, (short) bitpix);
        double[][] ras = rasAffine(grid);
        double[] quaternion = new double[4];  // b, c, d, qfac
        quaternionOf(grid.direction(), quaternion);
        float[] pixdim = {(float) quaternion[3], (float) grid.spacing()[0], (float) grid.spacing()[1], (float) grid.spacing()[2], 1, 1, 1, 1};
        for (int d = 0; d < 8; d++) {
            b.putFloat(76 + 4 * d, pixdim[d]);
        }
        b.putFloat(108, VOX_OFFSET);
        b.putFloat(112, 1);  // scl_slope 1, scl_inter 0: stored values are the values
        b.put(123, (byte) 2);  // xyzt_units: millimetres
        byte[] descrip = "Vertreg".getBytes(StandardCharsets.US_ASCII);
        b.put(148, descrip);
        b.putShort(252, (short) 1);
        b.putShort(254, (short) 1);
        for (int q = 0; q < 3; q++) {
            b.putFloat(256 + 4 * q, (float) quaternion[q]);
            b.putFloat(268 + 4 * q, (float) ras[q][3]);
        }
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                b.putFloat(280 + 16 * r + 4 * c, (float) ras[r][c]);
            }
        }
        b.put(344, "n+1\0".getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** LPS grid → 3×4 voxel-to-RAS affine (rows x and y negated). */
    private static double[][] rasAffine(VolumeGrid grid) {
        double[][] a = new double[3][4];
        for (int r = 0; r < 3; r++) {
            double sign = r < 2 ? -1 : 1;
            for (int c = 0; c < 3; c++) {
                a[r][c] = sign * grid.direction()[3 * r + c] * grid.spacing()[c];
            }
            a[r][3] = sign * grid.origin()[r];
        }
        return a;
    }

    /**
     * The qform quaternion (b, c, d) and qfac of the RAS rotation, following nifti1_io's nifti_mat44_to_quatern: a
     * left-handed direction gets qfac −1 and its third column negated first.
     */
    private static void quaternionOf(double[] lpsDirection, double[] out) {
        double[][] r = new double[3][3];
        for (int row = 0; row < 3; row++) {
            for (int c = 0; c < 3; c++) {
                r[row][c] = (row < 2 ? -1 : 1) * lpsDirection[3 * row + c];
            }
        }
        double det = r[0][0] * (r[1][1] * r[2][2] - r[1][2] * r[2][1]) - r[0][1] * (r[1][0] * r[2][2] - r[1][2] * r[2][0])
                + r[0][2] * (r[1][0] * r[2][1] - r[1][1] * r[2][0]);
        double qfac = 1;
        if (det < 0) {
            qfac = -1;
            for (int row = 0; row < 3; row++) {
                r[row][2] = -r[row][2];
            }
        }
        double a = r[0][0] + r[1][1] + r[2][2] + 1, b, c, d;
        if (a > 0.5) {
            a = 0.5 * Math.sqrt(a);
            b = 0.25 * (r[2][1] - r[1][2]) / a;
            c = 0.25 * (r[0][2] - r[2][0]) / a;
            d = 0.25 * (r[1][0] - r[0][1]) / a;
        } else {
            double xd = 1 + r[0][0] - (r[1][1] + r[2][2]), yd = 1 + r[1][1] - (r[0][0] + r[2][2]), zd = 1 + r[2][2] - (r[0][0] + r[1][1]);
            if (xd > 1) {
                b = 0.5 * Math.sqrt(xd);
                c = 0.25 * (r[0][1] + r[1][0]) / b;
                d = 0.25 * (r[0][2] + r[2][0]) / b;
                a = 0.25 * (r[2][1] - r[1][2]) / b;
            } else if (yd > 1) {
                c = 0.5 * Math.sqrt(yd);
                b = 0.25 * (r[0][1] + r[1][0]) / c;
                d = 0.25 * (r[1][2] + r[2][1]) / c;
                a = 0.25 * (r[0][2] - r[2][0]) / c;
            } else {
                d = 0.5 * Math.sqrt(zd);
                b = 0.25 * (r[0][2] + r[2][0]) / d;
                c = 0.25 * (r[1][2] + r[2][1]) / d;
                a = 0.25 * (r[1][0] - r[0][1]) / d;
            }
            if (a < 0) {  // the qform stores only (b, c, d) and implies a ≥ 0
                b = -b;
                c = -c;
                d = -d;
            }
        }
        out[0] = b;
        out[1] = c;
        out[2] = d;
        out[3] = qfac;
    }
}
