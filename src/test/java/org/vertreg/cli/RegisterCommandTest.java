package org.vertreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.dicom.XrayFixtures;
import org.vertreg.geometry.Pose;
import org.vertreg.imaging.NiftiWriter;
import org.vertreg.imaging.SpinePhantom;
import org.vertreg.model.store.ModelFiles;
import org.vertreg.registration.PoseDisagreement;

/**
 * register on the phantom as a user would run it: a tiny model trained in seconds, a low-dose DX that drr made at a known
 * pose (the file carries it), and the X-ray variants a real source sends; and its refusals of what it cannot register.
 */
class RegisterCommandTest {

    /** Within the refinement's search box around any start a barely trained network gives. */
    private static final String TRUE_POSE = "4,-3,2,2.5,-4,1.5";
    private static final Pattern POSE = Pattern.compile(
            "rx (\\S+) ry (\\S+) rz (\\S+) deg, tx (\\S+) ty (\\S+) tz (\\S+) mm");

    @TempDir
    static Path dir;
    private static Path ct, labels, model, dx;
    private static final Map<Path, String> REGISTERED = new HashMap<>();

    private String stdout = "", stderr = "";

    @BeforeAll
    static void phantomModelAndXray() throws IOException {
        SpinePhantom phantom = SpinePhantom.create();
        ct = dir.resolve("phantom.nii.gz");
        labels = dir.resolve("phantom-seg.nii.gz");
        NiftiWriter.write(phantom.volume(), ct);
        NiftiWriter.write(phantom.labels(), labels);
        String level = String.valueOf(SpinePhantom.MIDDLE_LABEL);
        Path run = dir.resolve("run");
        quietly(TrainCommand.COMMAND, "--ct", ct.toString(), "--labels", labels.toString(), "--level", level, "--out", run.toString(),
                "--preset", "fast", "--samples", "16", "--validation", "4", "--batch", "8", "--epochs", "1", "--threads", "1", "--seed", "3");
        model = run.resolve("model");
        Path xrays = dir.resolve("xray");
        quietly(DrrCommand.COMMAND, "--ct", ct.toString(), "--labels", labels.toString(), "--level", level, "--low-dose", "--seed", "5",
                "--pose", TRUE_POSE, "--out", xrays.toString());
        dx = xrays.resolve("drr-001.dcm");
    }

    private static void quietly(CommandLine.Command command, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = command.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    }

    private int run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = RegisterCommand.COMMAND.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
        return code;
    }

    /** register's output for an X-ray against the NIfTI phantom, each X-ray registered once. */
    private String registered(Path xray) {
        return REGISTERED.computeIfAbsent(xray, x -> {
            assertEquals(0, run("--xray", x.toString(), "--model", model.toString(), "--ct", ct.toString(), "--labels", labels.toString(),
                    "--level", String.valueOf(SpinePhantom.MIDDLE_LABEL)), stderr);
            return stdout;
        });
    }

    @Test
    void theDxIsRegisteredToTheTruthAndDrawn() throws IOException {
        Path png = dir.resolve("out").resolve("overlay.png");
        assertEquals(0, run("--xray", dx.toString(), "--model", model.toString(), "--ct", ct.toString(), "--labels", labels.toString(),
                "--level", "20", "--png", png.toString()), stderr);
        assertTrue(stdout.contains("network pose: rx "), stdout);
        assertTrue(stdout.contains("refined pose: rx "), stdout);
        assertTrue(stdout.contains("similarity (robust) "), stdout); // the default
        assertTrue(stdout.contains("network-refinement disagreement "), stdout);
        assertTrue(stdout.contains("quality "), stdout);
        assertTrue(Pattern.compile("times \\(ms\\): load \\d+, crop \\d+, resample \\d+, predict \\d+, refine \\d+, write \\d+, total \\d+")
                .matcher(stdout).find(), stdout);
        assertTrue(number(stdout, "refined mTRE (\\S+) mm") < 2.0, stdout);

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(512, image.getWidth());
        assertEquals(512, image.getHeight());
        int green = 0, yellow = 0;
        for (int r = 0; r < 512; r++) {
            for (int c = 0; c < 512; c++) {
                green += image.getRGB(c, r) == Color.GREEN.getRGB() ? 1 : 0;
                yellow += image.getRGB(c, r) == Color.YELLOW.getRGB() ? 1 : 0;
            }
        }
        assertTrue(green > 200, "the refined outline runs round the vertebra: " + green + " green pixels");
        assertTrue(yellow > 0, "the network's outline is drawn too");
    }

    @Test
    void aMonochrome1CopyOfTheDxGivesTheSamePose() throws IOException {
        Path inverted = XrayFixtures.monochrome1Copy(dx, dir.resolve("mono1").resolve("drr-001.dcm"));
        Pose original = pose(registered(dx), "refined pose: "), copy = pose(registered(inverted), "refined pose: ");
        assertTrue(PoseDisagreement.mm(original, copy) < 0.5, original + " vs " + copy);
    }

    @Test
    void anXrayWithoutGeometrySaysWhichDefaultsItUsed() throws IOException {
        Path bare = XrayFixtures.withoutGeometry(dx, dir.resolve("bare").resolve("drr-001.dcm"));
        // the CT as a DICOM series this time, as the node holds it
        Path series = dir.resolve("dicom");
        quietly(Dicomize.COMMAND, "--ct", ct.toString(), "--out", series.toString());
        assertEquals(0, run("--xray", bare.toString(), "--model", model.toString(), "--ct", series.resolve("ct").toString(), "--labels",
                labels.toString(), "--level", "20"), stderr);
        assertTrue(stdout.contains("note: no Distance Source to Detector (0018,1110)"), stdout);
        assertTrue(stdout.contains("note: no Distance Source to Patient (0018,1111)"), stdout);
        assertTrue(stdout.contains("Imager Pixel Spacing") && stdout.contains("default"), stdout);
        assertTrue(stdout.contains("refined pose: "), stdout);
    }

    @Test
    void aPointOnTheVertebraStandsInForItsLabels() throws IOException {
        Path png = dir.resolve("point.png");
        assertEquals(0, run("--xray", dx.toString(), "--model", model.toString(), "--ct", ct.toString(), "--centroid", "0,-0.29,0",
                "--png", png.toString()), stderr);
        assertTrue(stdout.contains("vertebra at 0.0,-0.3,0.0 (LPS mm) of phantom"), stdout);
        assertTrue(stdout.contains("refined pose: rx ") && stdout.contains("against the true pose: "), stdout);
        BufferedImage image = ImageIO.read(png.toFile());
        int green = 0;
        for (int r = 0; r < image.getHeight(); r++) {
            for (int c = 0; c < image.getWidth(); c++) {
                green += image.getRGB(c, r) == Color.GREEN.getRGB() ? 1 : 0;
            }
        }
        assertTrue(green > 200, "the bone around the point is outlined: " + green + " green pixels");
    }

    @Test
    void whatCannotBeRegisteredIsRefusedWithExitCode2() throws IOException {
        Path ctSlice;
        Path series = dir.resolve("refusals-dicom");
        quietly(Dicomize.COMMAND, "--ct", ct.toString(), "--out", series.toString());
        try (Stream<Path> files = Files.list(series.resolve("ct"))) {
            ctSlice = files.findFirst().orElseThrow();
        }
        List<String> vertebra = List.of("--model", model.toString(), "--ct", ct.toString(), "--labels", labels.toString(), "--level", "20");

        assertEquals(2, run(concat(vertebra, "--xray", ctSlice.toString())));
        assertTrue(stderr.contains("not a projection X-ray"), stderr);
        assertEquals(2, run(concat(vertebra, "--xray", dir.resolve("missing.dcm").toString())));
        assertTrue(stderr.startsWith("register: no such file: ") && stderr.contains("missing.dcm"), stderr);
        assertEquals(2, run(concat(vertebra, "--xray", dx.toString(), "--similarity", "mutual-information")));
        assertTrue(stderr.contains("unknown similarity 'mutual-information'") && stderr.contains("usage: register"), stderr);
        assertEquals(2, run(concat(vertebra, "--xray", dx.toString(), "--centre", "64")));
        assertTrue(stderr.contains("--centre needs 2"), stderr);
        assertEquals(2, run("--xray", dx.toString(), "--model", model.toString(), "--ct", ct.toString(), "--level", "20"));
        assertTrue(stderr.contains("--labels and --level go together"), stderr);
        assertEquals(2, run(concat(vertebra, "--xray", dx.toString(), "--fast")));
        assertTrue(stderr.contains("unknown option --fast"), stderr);

        // a model trained for another detector: its poses would mean something else on the default C-arm
        Path other = dir.resolve("other-detector");
        Files.createDirectories(other);
        for (String f : List.of(ModelFiles.METADATA, ModelFiles.PARAMETERS)) {
            Files.copy(model.resolve(f), other.resolve(f));
        }
        String metadata = Files.readString(other.resolve(ModelFiles.METADATA));
        String changed = metadata.replaceFirst("\"columns\"\\s*:\\s*128", "\"columns\":64");
        assertTrue(!changed.equals(metadata), metadata);
        Files.writeString(other.resolve(ModelFiles.METADATA), changed);
        assertEquals(2, run("--xray", dx.toString(), "--model", other.toString(), "--ct", ct.toString(), "--labels", labels.toString(),
                "--level", "20"));
        assertTrue(stderr.contains("was trained for") && stderr.contains("use a model trained for that detector"), stderr);

        assertEquals(0, run("--help"));
        assertTrue(stdout.startsWith("usage: register "), stdout);
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no '" + regex + "' in: " + text);
        return Double.parseDouble(m.group(1));
    }

    private static Pose pose(String text, String prefix) {
        Matcher m = Pattern.compile(Pattern.quote(prefix) + POSE.pattern()).matcher(text);
        assertTrue(m.find(), "no '" + prefix + "' pose in: " + text);
        double[] v = new double[6];
        for (int i = 0; i < 6; i++) {
            v[i] = Double.parseDouble(m.group(i + 1));
        }
        return new Pose(v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    private static String[] concat(List<String> args, String... more) {
        return Stream.concat(args.stream(), Stream.of(more)).toArray(String[]::new);
    }
}
