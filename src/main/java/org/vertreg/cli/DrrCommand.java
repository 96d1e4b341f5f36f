package org.vertreg.cli;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.vertreg.dicom.UidGenerator;
import org.vertreg.dicom.XrayWriter;
import org.vertreg.drr.SimulatedXrays;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.PoseSampler;
import org.vertreg.geometry.Vector3;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.LabelMap;
import org.vertreg.imaging.ProjectedAnatomy;
import org.vertreg.imaging.NiftiReader;
import org.vertreg.imaging.VertebraCrop;
import org.vertreg.imaging.Volume;

/**
 * {@code drr}: renders simulated X-rays of a NIfTI CT around a vertebra's centroid at given or random poses, as 8-bit
 * PNGs and DICOM DX images that carry their true pose (see {@link XrayWriter}).
 */
public final class DrrCommand {

    static final String USAGE = """
            usage: drr --ct CT.nii[.gz] (--labels LABELS.nii[.gz] --level ID | --centroid X,Y,Z)
                       [--pose RX,RY,RZ,TX,TY,TZ | --random N [--seed S]] [--low-dose] [--size PIXELS]
                       [--keep-neighbours | --whole-ct] --out DIR [--patient-id ID]
              Renders DRRs with the default C-arm (SDD 1000 mm, SOD 600 mm, reference AP view) whose isocentre is
              the vertebra's centroid, and writes DIR/drr-NNN.png (8-bit grey, the values the network sees) and
              DIR/drr-NNN.dcm (DICOM Digital X-Ray, true pose in Image Comments and a private block).
              --labels/--level     the vertebra labelled ID: centroid = mean LPS position of its voxels, and only
                                   its own voxels are projected (one vertebra on black), as the single-vertebra
                                   method does
              --keep-neighbours    project its box (plus 10 mm) as it is, neighbours and soft tissue included
              --whole-ct           project the whole CT around that centroid instead, its line integrals
                                   through a window taken from the reference view (as whole-CT training does)
              --centroid           centroid in LPS mm; the whole CT is projected
              --pose               one pose: degrees about x (L), y (P), z (S) through the centroid, then mm
              --random N           N poses uniform in ±18° and ±10 mm, drawn from --seed (default 0)
              --low-dose           simulate a low-dose X-ray on each DRR (seeded from the same stream)
              --size               detector pixels per side (default 128); the field of view stays 128 mm on
                                   the detector (pixel spacing 128/size mm)
              --patient-id         defaults to the CT file name without extension
              Without --pose or --random one DRR at the identity pose is made. Exit code 0 on success, 2 on any error.
            """;

    /** Detector width in mm that --size keeps fixed: the default 128 pixels of 1 mm. */
    static final double DETECTOR_WIDTH_MM = CarmGeometry.DEFAULT_COLUMNS * CarmGeometry.DEFAULT_PIXEL_SPACING_MM;
    static final int MAX_IMAGES = 100_000;
    static final int MAX_SIZE = 4096;

    private DrrCommand() {}

    static final CommandLine.Command COMMAND = new CommandLine.Command("drr", USAGE, DrrCommand::parse, DrrCommand::render);

    private static Map<String, String> parse(String[] args) {
        List<String> flags = List.of("--keep-neighbours", "--whole-ct", "--low-dose");
        List<String> withValue = List.of("--ct", "--labels", "--level", "--centroid", "--pose", "--random", "--seed", "--size", "--out",
                "--patient-id");
        Map<String, String> o = CommandLine.options(args, flags, withValue);
        if (o.containsKey("--help")) {
            return o;
        }
        CommandLine.require(o, "--ct", "--out");
        if (o.containsKey("--labels") != o.containsKey("--level")) {
            throw new IllegalArgumentException("--labels and --level go together");
        }
        if (o.containsKey("--labels") == o.containsKey("--centroid")) {
            throw new IllegalArgumentException("give either --labels with --level, or --centroid");
        }
        if (o.containsKey("--pose") && o.containsKey("--random")) {
            throw new IllegalArgumentException("give either --pose or --random, not both");
        }
        if (o.containsKey("--seed") && !o.containsKey("--random") && !o.containsKey("--low-dose")) {
            throw new IllegalArgumentException("--seed needs --random or --low-dose");
        }
        // Check every number now, so that a typo fails before the CT is read.
        if (o.containsKey("--level")) {
            integer(o, "--level", 1, Short.MAX_VALUE);
        }
        if (o.containsKey("--centroid")) {
            numbers(o.get("--centroid"), 3, "--centroid");
        }
        if (o.containsKey("--pose")) {
            pose(o.get("--pose"));
        }
        if (o.containsKey("--random")) {
            integer(o, "--random", 1, MAX_IMAGES);
        }
        if (o.containsKey("--seed")) {
            seed(o);
        }
        if (o.containsKey("--size")) {
            integer(o, "--size", 1, MAX_SIZE);
        }
        return o;
    }

    private static void render(Map<String, String> o, PrintStream out) throws IOException {
        Path ctFile = Path.of(o.get("--ct")), outDir = Path.of(o.get("--out"));
        if (Files.exists(outDir.resolve("drr-001.png")) || Files.exists(outDir.resolve("drr-001.dcm"))) {
            throw new IllegalArgumentException(outDir + " already holds DRRs; choose a new --out");
        }
        Volume ct = NiftiReader.readVolume(ctFile);
        Vector3 centroid;
        if (o.containsKey("--centroid")) {
            centroid = toVector(numbers(o.get("--centroid"), 3, "--centroid"));
        } else {
            // As the method does: the target vertebra alone, its neighbours removed, unless the whole CT is asked for.
            int level = integer(o, "--level", 1, Short.MAX_VALUE);
            LabelMap labels = NiftiReader.readLabels(Path.of(o.get("--labels")));
            CroppedVertebra crop = VertebraCrop.byLabel(ct, labels.onGrid(ct.grid()), level,
                    VertebraCrop.DEFAULT_MARGIN_MM, o.containsKey("--keep-neighbours"));
            centroid = crop.centroid();
            if (o.containsKey("--keep-neighbours")) {
                ct = crop.volume();
            } else if (!o.containsKey("--whole-ct")) {
                ct = crop.vertebraAlone();
            }
        }
        int size = o.containsKey("--size") ? integer(o, "--size", 1, MAX_SIZE) : CarmGeometry.DEFAULT_COLUMNS;
        CarmGeometry carm = new CarmGeometry(CarmGeometry.DEFAULT_SOURCE_TO_DETECTOR_MM, CarmGeometry.DEFAULT_SOURCE_TO_ISOCENTRE_MM,
                size, size, DETECTOR_WIDTH_MM / size, centroid, 0, 0);
        SplittableRandom random = new SplittableRandom(o.containsKey("--seed") ? seed(o) : 0L);
        List<Pose> poses = new ArrayList<>();
        if (o.containsKey("--random")) {
            int n = integer(o, "--random", 1, MAX_IMAGES);
            for (int i = 0; i < n; i++) {
                poses.add(PoseSampler.draw(random));
            }
        } else {
            poses.add(o.containsKey("--pose") ? pose(o.get("--pose")) : Pose.identity());
        }
        boolean lowDose = o.containsKey("--low-dose");
        long[] lowDoseSeeds = new long[poses.size()];
        for (int i = 0; i < lowDoseSeeds.length; i++) {
            lowDoseSeeds[i] = random.nextLong();
        }
        String stem = NiftiReader.stem(ctFile);
        XrayWriter.Options dicom = XrayWriter.Options.defaults()
                .withPatientId(o.getOrDefault("--patient-id", stem.length() > 64 ? stem.substring(0, 64) : stem))
                .withStudyInstanceUid(UidGenerator.newUid()).withSeriesInstanceUid(UidGenerator.newUid())
                .withSeriesDescription(lowDose ? "Simulated low-dose X-ray" : "DRR");
        Files.createDirectories(outDir);
        // The chain training and evaluation use, so that the images of this command are the network's images.
        // The whole CT's long paths go through the window the whole-CT training images use (GreyMapping).
        SimulatedXrays xrays = SimulatedXrays.of(o.containsKey("--whole-ct") || o.containsKey("--centroid") ? ProjectedAnatomy.WHOLE_CT
                : ProjectedAnatomy.VERTEBRA_ALONE, ct, centroid, carm);
        XrayWriter writer = new XrayWriter();
        out.printf(Locale.ROOT, "centroid %.3f,%.3f,%.3f (LPS mm), %dx%d detector, %d image(s)%s%n", centroid.x(), centroid.y(),
                centroid.z(), size, size, poses.size(), lowDose ? ", low-dose" : "");
        for (int i = 0; i < poses.size(); i++) {
            Pose pose = poses.get(i);
            float[] grey = lowDose ? xrays.lowDose(pose, lowDoseSeeds[i]) : xrays.drr(pose);
            String name = String.format(Locale.ROOT, "drr-%03d", i + 1);
            writePng(grey, size, size, outDir.resolve(name + ".png"));
            writer.write(grey, carm, new XrayWriter.TruePose(pose, centroid), dicom.withInstanceNumber(i + 1), outDir.resolve(name + ".dcm"));
            out.println(name + " pose " + format(pose));
        }
        out.println("wrote " + poses.size() + " PNG and DICOM file(s) to " + outDir);
    }

    /** rx,ry,rz,tx,ty,tz with full double precision, the --pose syntax. */
    static String format(Pose p) {
        return p.rx() + "," + p.ry() + "," + p.rz() + "," + p.tx() + "," + p.ty() + "," + p.tz();
    }

    static void writePng(float[] grey, int columns, int rows, Path file) throws IOException {
        BufferedImage image = new BufferedImage(columns, rows, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                raster.setSample(c, r, 0, Math.max(0, Math.min(255, Math.round(grey[r * columns + c]))));
            }
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    private static Pose pose(String text) {
        double[] v = numbers(text, 6, "--pose");
        return new Pose(v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    static double[] numbers(String text, int count, String option) {
        String[] parts = text.split(",", -1);
        if (parts.length != count) {
            throw new IllegalArgumentException(option + " needs " + count + " comma-separated numbers, got '" + text + "'");
        }
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": '" + parts[i] + "' is not a number");
            }
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(option + ": '" + parts[i] + "' is not finite");
            }
        }
        return v;
    }

    private static int integer(Map<String, String> o, String option, int min, int max) {
        int v;
        try {
            v = Integer.parseInt(o.get(option).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + o.get(option) + "'");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", got " + v);
        }
        return v;
    }

    private static long seed(Map<String, String> o) {
        try {
            return Long.parseLong(o.get("--seed").strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed needs a whole number, got '" + o.get("--seed") + "'");
        }
    }

    static Vector3 toVector(double[] p) {
        return new Vector3(p[0], p[1], p[2]);
    }
}
