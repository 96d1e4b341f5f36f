package org.vertreg.drr;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.vertreg.imaging.Volume;
import org.vertreg.imaging.VolumeGrid;

/**
 * Runs {@code plastimatch drr} (Debian plastimatch 1.9.4) as a reference renderer and states its geometry as a
 * {@link ProjectionGeometry}. See {@link PlastimatchAgreementTest} and bench/DRR-PLASTIMATCH.md for the conventions.
 *
 * <p>plastimatch 1.9.4 drr ignores the volume's direction cosines, so volumes are handed over as axis-aligned
 * MetaImage (.mha) files whose voxel order has been flipped to an identity direction: the LPS position of every
 * voxel is unchanged, and plastimatch's frame is then DICOM LPS.
 */
final class PlastimatchDrr {

    /** One plastimatch view: detector, distances, isocentre (plastimatch frame, mm) and gantry angle (degrees). */
    record View(int rows, int columns, double pixelMm, double sadMm, double sidMm, double[] isocentre, double gantryDeg) {}

    private PlastimatchDrr() {}

    static boolean available() {
        try {
            Process p = new ProcessBuilder("plastimatch", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The same voxels on an identity-direction grid. Only directions that are diagonal with ±1 entries (axis flips,
     * e.g. NIfTI RAS stored data) are supported; the copy is exact (voxels are reordered, not resampled).
     */
    static Volume axisAligned(Volume volume) {
        VolumeGrid g = volume.grid();
        double[] d = g.direction();
        boolean[] flip = new boolean[3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                double dev = r == c ? Math.abs(Math.abs(d[3 * r + c]) - 1) : Math.abs(d[3 * r + c]);
                if (dev > 1e-6) {
                    throw new IllegalArgumentException("only axis flips are supported, direction " + java.util.Arrays.toString(d));
                }
            }
            flip[r] = d[4 * r] < 0;
        }
        int nx = g.nx(), ny = g.ny(), nz = g.nz();
        double[] corner = g.toPatient(flip[0] ? nx - 1 : 0, flip[1] ? ny - 1 : 0, flip[2] ? nz - 1 : 0);
        VolumeGrid out = VolumeGrid.axisAligned(nx, ny, nz, g.spacing(), corner);
        float[] src = volume.hu(), dst = new float[src.length];
        for (int k = 0; k < nz; k++) {
            int sk = flip[2] ? nz - 1 - k : k;
            for (int j = 0; j < ny; j++) {
                int sj = flip[1] ? ny - 1 - j : j;
                for (int i = 0; i < nx; i++) {
                    dst[out.index(i, j, k)] = src[g.index(flip[0] ? nx - 1 - i : i, sj, sk)];
                }
            }
        }
        return new Volume(out, dst);
    }

    /** Writes an identity-direction volume's attenuation μ (per mm) as a float MetaImage; offset/spacing are LPS mm. */
    static void writeMha(Volume volume, Path file) throws IOException {
        VolumeGrid g = volume.grid();
        double[] d = g.direction();
        for (int i = 0; i < 9; i++) {
            if (Math.abs(d[i] - (i % 4 == 0 ? 1 : 0)) > 1e-9) {
                throw new IllegalArgumentException("plastimatch drr ignores direction cosines: write an axis-aligned volume");
            }
        }
        double[] o = g.origin(), s = g.spacing();
        String header = String.format(Locale.ROOT, "ObjectType = Image%nNDims = 3%nBinaryData = True%nBinaryDataByteOrderMSB = False%n"
                + "TransformMatrix = 1 0 0 0 1 0 0 0 1%nOffset = %.9g %.9g %.9g%nElementSpacing = %.9g %.9g %.9g%n"
                + "DimSize = %d %d %d%nElementType = MET_FLOAT%nElementDataFile = LOCAL%n",
                o[0], o[1], o[2], s[0], s[1], s[2], g.nx(), g.ny(), g.nz());
        ByteBuffer buf = ByteBuffer.allocate(4 * volume.hu().length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : volume.hu()) {
            buf.putFloat(AttenuationVolume.attenuation(v));
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(header.replace(System.lineSeparator(), "\n").getBytes(StandardCharsets.US_ASCII));
            out.write(buf.array());
        }
    }

    /**
     * The command line for one view: CPU, the given integration ({@code uniform} or {@code exact}), raw float
     * output, and {@code -P none}: the volume already holds our attenuation μ (per mm), so both renderers
     * integrate the same field and the comparison is of geometry and integration, not of HU tables.
     */
    static List<String> command(Path mha, View view, Path outputPrefix, String algorithm) {
        List<String> cmd = new ArrayList<>(List.of("plastimatch", "drr", "-A", "cpu", "-i", algorithm, "-t", "raw", "-P", "none",
                // despite the help text ("row col"), the first value is the column count (the fast image index)
                "-r", view.columns() + " " + view.rows(),
                "-z", fmt(view.columns() * view.pixelMm()) + " " + fmt(view.rows() * view.pixelMm()),
                "--sad", fmt(view.sadMm()), "--sid", fmt(view.sidMm()),
                "-o", fmt(view.isocentre()[0]) + " " + fmt(view.isocentre()[1]) + " " + fmt(view.isocentre()[2]),
                // 1.9.4 reads -y/--gantry-angle in radians although its help says degrees (-N is in degrees)
                "-y", fmt(Math.toRadians(view.gantryDeg())),
                "-O", outputPrefix.toString()));
        cmd.add(mha.toString());
        return cmd;
    }

    /** Runs plastimatch for one view and returns its image, row-major with {@code view.columns()} values per row. */
    static float[] render(Path mha, View view, Path workDir, String algorithm) throws IOException, InterruptedException {
        Path prefix = workDir.resolve("drr");
        Process p = new ProcessBuilder(command(mha, view, prefix, algorithm)).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("plastimatch drr failed:\n" + log);
        }
        byte[] raw = Files.readAllBytes(workDir.resolve("drr0000.raw"));
        int n = view.rows() * view.columns();
        if (raw.length != 4 * n) {
            throw new IOException("expected " + 4 * n + " bytes, got " + raw.length);
        }
        float[] img = new float[n];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(img);
        return img;
    }

    /**
     * plastimatch's view as our geometry, in plastimatch's frame (LPS for an identity-direction volume).
     *
     * <p>With n = (cos θ, −sin θ, 0) the unit vector from isocentre to source and vup = (0, 0, 1): source = iso +
     * SAD·n; detector centre = iso − (SID − SAD)·n; the fastest image index (our column) runs along vup × n =
     * (sin θ, cos θ, 0), the slow index (our row) along −vup; the detector centre is at pixel ((columns − 1)/2,
     * (rows − 1)/2).
     */
    static ProjectionGeometry geometry(View view) {
        double t = Math.toRadians(view.gantryDeg());
        double[] n = {Math.cos(t), -Math.sin(t), 0};
        double[] u = {Math.sin(t), Math.cos(t), 0};
        double[] v = {0, 0, -1};
        double[] iso = view.isocentre();
        double back = view.sidMm() - view.sadMm();
        double cc = (view.columns() - 1) / 2.0, rc = (view.rows() - 1) / 2.0, ps = view.pixelMm();
        double[] source = new double[3], origin = new double[3];
        for (int a = 0; a < 3; a++) {
            source[a] = iso[a] + view.sadMm() * n[a];
            origin[a] = iso[a] - back * n[a] - cc * ps * u[a] - rc * ps * v[a];
        }
        return new ProjectionGeometry(source, origin, u, v, ps, ps, view.columns(), view.rows());
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.9g", x);
    }
}
