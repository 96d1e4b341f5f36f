package org.vertreg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.dicom.XrayReader;
import org.vertreg.dicom.XrayWriter;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.Vector3;
import org.vertreg.imaging.LabelMap;
import org.vertreg.imaging.NiftiWriter;
import org.vertreg.imaging.Volume;
import org.vertreg.imaging.VolumeGrid;

class DrrCommandTest {

    static final int LEVEL = 20;

    @TempDir
    Path dir;

    ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

    int drr(String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        return DrrCommand.COMMAND.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** A 40³ grid of 1.5 mm, air with a 700 HU box labelled 20; returns {ct, labels} and the box's centre. */
    Path[] phantom() throws IOException {
        VolumeGrid grid = VolumeGrid.axisAligned(40, 40, 40, new double[] {1.5, 1.5, 1.5}, new double[] {-30, 10, 200});
        float[] hu = new float[grid.voxelCount()];
        short[] labels = new short[grid.voxelCount()];
        for (int k = 0; k < 40; k++) {
            for (int j = 0; j < 40; j++) {
                for (int i = 0; i < 40; i++) {
                    boolean box = i >= 12 && i < 28 && j >= 10 && j < 30 && k >= 14 && k < 26;
                    hu[grid.index(i, j, k)] = box ? 700 : -1000;
                    labels[grid.index(i, j, k)] = (short) (box ? LEVEL : 0);
                }
            }
        }
        Path ct = dir.resolve("box.nii.gz"), seg = dir.resolve("box-seg.nii.gz");
        NiftiWriter.write(new Volume(grid, hu), ct);
        NiftiWriter.write(new LabelMap(grid, labels), seg);
        return new Path[] {ct, seg};
    }

    /** Centre of the box: voxel (19.5, 19.5, 19.5). */
    static final Vector3 BOX_CENTRE = new Vector3(-30 + 19.5 * 1.5, 10 + 19.5 * 1.5, 200 + 19.5 * 1.5);

    @Test
    void randomPosesWritePngAndDicomCarryingThePrintedPoses() throws Exception {
        Path[] nifti = phantom();
        Path a = dir.resolve("a"), b = dir.resolve("b");
        String[] args = {"--ct", nifti[0].toString(), "--labels", nifti[1].toString(), "--level", Integer.toString(LEVEL),
            "--random", "3", "--seed", "7", "--out", a.toString()};
        assertEquals(0, drr(args), err.toString());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(List.of("drr-001.dcm", "drr-001.png", "drr-002.dcm", "drr-002.png", "drr-003.dcm", "drr-003.png"), names(a));

        Matcher m = Pattern.compile("(drr-\\d{3}) pose (\\S+)").matcher(printed);
        int seen = 0;
        while (m.find()) {
            String[] v = m.group(2).split(",");
            Pose pose = new Pose(Double.parseDouble(v[0]), Double.parseDouble(v[1]), Double.parseDouble(v[2]), Double.parseDouble(v[3]),
                    Double.parseDouble(v[4]), Double.parseDouble(v[5]));
            XrayWriter.TruePose back = XrayReader.readTruePose(a.resolve(m.group(1) + ".dcm"));
            assertEquals(pose, back.pose());
            assertTrue(back.centroid().maxDifference(BOX_CENTRE) < 1e-9, back.centroid().toString());
            assertTrue(Math.abs(pose.rx()) <= 18 && Math.abs(pose.tz()) <= 10, pose.toString());
            float[] grey = XrayReader.readGrey(a.resolve(m.group(1) + ".dcm"));
            assertEquals(128 * 128, grey.length);
            assertTrue(max(grey) > 100, "the box shows up bright");
            assertEquals(0f, grey[0], "the corner sees only air");
            seen++;
        }
        assertEquals(3, seen, printed);
        assertNoDciodvfyErrors(a.resolve("drr-001.dcm"));

        args[args.length - 1] = b.toString();
        assertEquals(0, drr(args), err.toString());
        for (int i = 1; i <= 3; i++) {
            String name = String.format("drr-%03d", i);
            assertArrayEquals(Files.readAllBytes(a.resolve(name + ".png")), Files.readAllBytes(b.resolve(name + ".png")), name);
            assertArrayEquals(XrayReader.readGrey(a.resolve(name + ".dcm")), XrayReader.readGrey(b.resolve(name + ".dcm")), 0f, name);
            assertEquals(XrayReader.readTruePose(a.resolve(name + ".dcm")), XrayReader.readTruePose(b.resolve(name + ".dcm")));
        }
    }

    @Test
    void givenPoseAndCentroidWithLowDoseAreReproducible() throws Exception {
        Path[] nifti = phantom();
        String centroid = BOX_CENTRE.x() + "," + BOX_CENTRE.y() + "," + BOX_CENTRE.z();
        for (String run : List.of("c", "d")) {
            assertEquals(0, drr("--ct", nifti[0].toString(), "--centroid", centroid, "--pose", "5,-3,2,1.5,0,-4", "--low-dose",
                    "--seed", "11", "--size", "64", "--out", dir.resolve(run).toString(), "--patient-id", "PX"), err.toString());
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("c/drr-001.png")), Files.readAllBytes(dir.resolve("d/drr-001.png")));
        XrayWriter.TruePose back = XrayReader.readTruePose(dir.resolve("c/drr-001.dcm"));
        assertEquals(new Pose(5, -3, 2, 1.5, 0, -4), back.pose());
        assertEquals(64 * 64, XrayReader.readGrey(dir.resolve("c/drr-001.dcm")).length);
    }

    @Test
    void badArgumentsExitTwo() throws Exception {
        assertEquals(2, drr("--ct", "x.nii.gz", "--centroid", "1,2,3", "--random", "many", "--out", dir.toString()));
        assertTrue(err.toString().contains("--random needs a whole number"), err.toString());
        assertEquals(2, drr("--ct", "x.nii.gz", "--centroid", "1,2", "--out", dir.toString()));
        assertEquals(2, drr("--ct", "x.nii.gz", "--centroid", "1,2,3", "--pose", "1,2,3,4,5,6", "--random", "2", "--out", dir.toString()));
        assertEquals(2, drr("--ct", "x.nii.gz", "--labels", "l.nii.gz", "--out", dir.toString()));
        assertEquals(2, drr("--ct", "x.nii.gz", "--centroid", "1,2,3", "--bogus", "--out", dir.toString()));
        assertEquals(2, drr("--ct", dir.resolve("missing.nii.gz").toString(), "--centroid", "1,2,3", "--out", dir.resolve("o").toString()));
        assertTrue(err.toString().contains("no such file"), err.toString());
        Path[] nifti = phantom();
        assertEquals(2, drr("--ct", nifti[0].toString(), "--labels", nifti[1].toString(), "--level", "21", "--out", dir.resolve("e").toString()));
        assertTrue(err.toString().contains("label 21 is absent"), err.toString());
    }

    static void assertNoDciodvfyErrors(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("dciodvfy", file.toString()).redirectErrorStream(true).start();
        String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        List<String> errors = report.lines().filter(line -> line.contains("Error")).toList();
        assertTrue(errors.isEmpty(), "dciodvfy errors:\n" + String.join("\n", errors));
    }

    static float max(float[] a) {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : a) {
            m = Math.max(m, v);
        }
        return m;
    }

    static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
