package org.vertreg.imaging;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads single-file NIfTI-1 images ({@code .nii}, {@code .nii.gz}) onto a {@link VolumeGrid} in DICOM LPS.
 *
 * <p>The voxel-to-world affine is taken from the sform when {@code sform_code > 0}, else from the qform
 * (quaternion) when {@code qform_code > 0}, else from pixdim alone (NIfTI "method 1", origin 0). NIfTI world
 * coordinates are RAS, so the first two rows of the affine are negated to get LPS. Spacing is the norm of each
 * affine column and the direction its normalised column; sheared affines are refused because
 * {@link VolumeGrid} needs an orthonormal direction. Values are scaled by {@code scl_slope}/{@code scl_inter}
 * when the slope is non-zero.
 */
public final class NiftiReader {

    private static final int HEADER_SIZE = 348;
    private static final double ORTHOGONALITY_TOLERANCE = 1e-4;

    private NiftiReader() {}

    /** A NIfTI file's name without {@code .nii} or {@code .nii.gz}: what commands name cases and patients after. */
    public static String stem(Path file) {
        return file.getFileName().toString().replaceFirst("\\.nii(\\.gz)?$", "");
    }

    /** Reads a CT (values in HU after scaling). */
    public static Volume readVolume(Path file) throws IOException {
        try (InputStream in = open(file)) {
            Header h = Header.read(in, file);
            float[] hu = new float[h.grid.voxelCount()];
            h.readVoxels(in, (index, value) -> hu[index] = (float) value);
            return new Volume(h.grid, hu);
        }
    }

    /** Reads a label map; every scaled value must be an integer in 0..65535. */
    public static LabelMap readLabels(Path file) throws IOException {
        try (InputStream in = open(file)) {
            Header h = Header.read(in, file);
            short[] labels = new short[h.grid.voxelCount()];
            h.readVoxels(in, (index, value) -> {
                if (value != Math.rint(value) || value < 0 || value > 65535) {
                    throw new IOException(file + ": voxel " + index + " holds " + value + ", not a label in 0..65535");
                }
                labels[index] = (short) value;
            });
            return new LabelMap(h.grid, labels);
        }
    }

    /** Reads only the geometry. */
    public static VolumeGrid readGrid(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return Header.read(in, file).grid;
        }
    }

    /** Opens the file, decompressing when it starts with the gzip magic (whatever its name). */
    private static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read(), b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }

    private interface VoxelSink {
        void accept(int index, double value) throws IOException;
    }

    /** The header fields this reader uses, with the grid already converted to LPS. */
    private record Header(ByteOrder order, int datatype, int bytesPerVoxel, long voxOffset, double slope, double inter,
                          VolumeGrid grid) {

        static Header read(InputStream in, Path file) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(readFully(in, HEADER_SIZE, file)).order(ByteOrder.LITTLE_ENDIAN);
            if (b.getInt(0) != HEADER_SIZE) {
                b.order(ByteOrder.BIG_ENDIAN);
                if (b.getInt(0) != HEADER_SIZE) {
                    throw new IOException(file + ": not a NIfTI-1 file (sizeof_hdr " + b.order(ByteOrder.LITTLE_ENDIAN).getInt(0) + ")");
                }
            }
            String magic = new String(new byte[] {b.get(344), b.get(345), b.get(346)}, StandardCharsets.US_ASCII);
            if (!magic.equals("n+1")) {
                throw new IOException(file + ": magic '" + magic + "' is not a single-file NIfTI-1 ('n+1')");
            }
            int rank = b.getShort(40);
            if (rank < 1 || rank > 7) {
                throw new IOException(file + ": dim[0] = " + rank + " is out of range");
            }
            int[] n = {1, 1, 1};
            long extra = 1;
            for (int d = 1; d <= rank; d++) {
                int size = b.getShort(40 + 2 * d);
                if (size < 1) {
                    throw new IOException(file + ": dim[" + d + "] = " + size);
                }
                if (d <= 3) {
                    n[d - 1] = size;
                } else {
                    extra *= size;
                }
            }
            if (extra != 1) {
                throw new IOException(file + ": only 3-D images are supported, this one has " + extra + " volumes");
            }
            int datatype = b.getShort(70);
            int bytes = switch (datatype) {
                case 2, 256 -> 1;  // uint8, int8
                case 4, 512 -> 2;  // int16, uint16
                case 8, 16 -> 4;   // int32, float32
                case 64 -> 8;      // float64
                default -> throw new IOException(file + ": NIfTI datatype " + datatype + " is not supported");
            };
            float slope = b.getFloat(112);
            boolean scaled = slope != 0 && Float.isFinite(slope);
            double inter = scaled && Float.isFinite(b.getFloat(116)) ? b.getFloat(116) : 0;
            long voxOffset = (long) b.getFloat(108);
            if (voxOffset < HEADER_SIZE) {
                voxOffset = 352;  // some writers leave 0 for single files; data then follows the 4 extension bytes
            }
            VolumeGrid grid = toLps(rasAffine(b), n, file);
            return new Header(b.order(), datatype, bytes, voxOffset, scaled ? slope : 1, inter, grid);
        }

        void readVoxels(InputStream in, VoxelSink sink) throws IOException {
            in.skipNBytes(voxOffset - HEADER_SIZE);
            int count = grid.voxelCount();
            int perChunk = Math.max(1, (1 << 20) / bytesPerVoxel);
            byte[] chunk = new byte[perChunk * bytesPerVoxel];
            ByteBuffer buf = ByteBuffer.wrap(chunk).order(order);
            for (int start = 0; start < count; start += perChunk) {
                int voxels = Math.min(perChunk, count - start);
                if (in.readNBytes(chunk, 0, voxels * bytesPerVoxel) != voxels * bytesPerVoxel) {
                    throw new EOFException("NIfTI data ends after " + start + " of " + count + " voxels");
                }
                for (int v = 0; v < voxels; v++) {
                    sink.accept(start + v, raw(buf, v * bytesPerVoxel) * slope + inter);
                }
            }
        }

        private double raw(ByteBuffer buf, int at) {
            return switch (datatype) {
                case 2 -> buf.get(at) & 0xFF;
                case 256 -> buf.get(at);
                case 4 -> buf.getShort(at);
                case 512 -> buf.getShort(at) & 0xFFFF;
                case 8 -> buf.getInt(at);
                case 16 -> buf.getFloat(at);
                default -> buf.getDouble(at);
            };
        }

        private static byte[] readFully(InputStream in, int length, Path file) throws IOException {
            byte[] bytes = in.readNBytes(length);
            if (bytes.length != length) {
                throw new EOFException(file + ": shorter than a NIfTI-1 header");
            }
            return bytes;
        }
    }

    /** The 3×4 voxel-to-RAS affine: sform, else qform, else pixdim scaling. */
    private static double[][] rasAffine(ByteBuffer b) {
        double[] pixdim = new double[4];
        for (int d = 0; d < 4; d++) {
            pixdim[d] = b.getFloat(76 + 4 * d);
        }
        if (b.getShort(254) > 0) {
            double[][] a = new double[3][4];
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 4; c++) {
                    a[r][c] = b.getFloat(280 + 16 * r + 4 * c);
                }
            }
            return a;
        }
        if (b.getShort(252) > 0) {
            return quaternionAffine(b.getFloat(256), b.getFloat(260), b.getFloat(264),
                    new double[] {b.getFloat(268), b.getFloat(272), b.getFloat(276)}, pixdim);
        }
        return new double[][] {
            {Math.abs(pixdim[1]), 0, 0, 0}, {0, Math.abs(pixdim[2]), 0, 0}, {0, 0, Math.abs(pixdim[3]), 0}};
    }

    /** NIfTI-1 qform: rotation from the unit quaternion (a, b, c, d), a ≥ 0 implied, qfac = sign of pixdim[0]. */
    private static double[][] quaternionAffine(double b, double c, double d, double[] offset, double[] pixdim) {
        double a = 1 - (b * b + c * c + d * d);
        if (a < 1e-7) {  // 180° rotation: renormalise (b, c, d), as nifti1_io does
            double norm = Math.sqrt(b * b + c * c + d * d);
            b /= norm;
            c /= norm;
            d /= norm;
            a = 0;
        } else {
            a = Math.sqrt(a);
        }
        double dx = pixdim[1] > 0 ? pixdim[1] : 1, dy = pixdim[2] > 0 ? pixdim[2] : 1, dz = pixdim[3] > 0 ? pixdim[3] : 1;
        if (pixdim[0] < 0) {
            dz = -dz;
        }
        return new double[][] {
            {(a * a + b * b - c * c - d * d) * dx, 2 * (b * c - a * d) * dy, 2 * (b * d + a * c) * dz, offset[0]},
            {2 * (b * c + a * d) * dx, (a * a + c * c - b * b - d * d) * dy, 2 * (c * d - a * b) * dz, offset[1]},
            {2 * (b * d - a * c) * dx, 2 * (c * d + a * b) * dy, (a * a + d * d - c * c - b * b) * dz, offset[2]},
        };
    }

    /** RAS affine → LPS grid: negate rows x and y, then split columns into spacing and unit direction. */
    private static VolumeGrid toLps(double[][] ras, int[] n, Path file) throws IOException {
        double[] spacing = new double[3], origin = new double[3], direction = new double[9];
        for (int r = 0; r < 3; r++) {
            double sign = r < 2 ? -1 : 1;
            origin[r] = sign * ras[r][3];
            for (int c = 0; c < 3; c++) {
                direction[3 * r + c] = sign * ras[r][c];
            }
        }
        for (int c = 0; c < 3; c++) {
            spacing[c] = Math.sqrt(sq(direction[c]) + sq(direction[3 + c]) + sq(direction[6 + c]));
            if (!(spacing[c] > 0)) {
                throw new IOException(file + ": affine column " + c + " is zero");
            }
            for (int r = 0; r < 3; r++) {
                direction[3 * r + c] /= spacing[c];
            }
        }
        for (int c1 = 0; c1 < 3; c1++) {
            int c2 = (c1 + 1) % 3;
            double dot = direction[c1] * direction[c2] + direction[3 + c1] * direction[3 + c2] + direction[6 + c1] * direction[6 + c2];
            if (Math.abs(dot) > ORTHOGONALITY_TOLERANCE) {
                throw new IOException(file + ": sheared affine (axes " + c1 + " and " + c2 + " are not orthogonal)");
            }
        }
        return new VolumeGrid(n[0], n[1], n[2], spacing, origin, direction);
    }

    private static double sq(double v) {
        return v * v;
    }
}
