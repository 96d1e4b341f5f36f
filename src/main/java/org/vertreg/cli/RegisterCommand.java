package org.vertreg.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.vertreg.dicom.RadiographReader;
import org.vertreg.dicom.XrayReader;
import org.vertreg.dicom.XrayWriter;
import org.vertreg.evaluation.EvaluationCase;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.Vector3;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.NiftiReader;
import org.vertreg.imaging.Radiograph;
import org.vertreg.imaging.ProjectedAnatomy;
import org.vertreg.imaging.Volume;
import org.vertreg.model.store.DetectorGeometry;
import org.vertreg.model.store.ModelMetadata;
import org.vertreg.model.store.ModelFiles;
import org.vertreg.registration.DetectorResampling;
import org.vertreg.registration.NetworkPoseEstimator;
import org.vertreg.registration.RegistrationError;
import org.vertreg.registration.RegistrationMetrics;
import org.vertreg.registration.Similarity;
import org.vertreg.registration.TargetPoints;
import org.vertreg.registration.VertebraRegistration;
import org.vertreg.registration.XrayRegistration;

/**
 * {@code register}: one DICOM X-ray registered against a CT with a trained model, the way the node will do it for each
 * X-ray it receives: read, crop, put the X-ray on the model's detector, the network's pose, refinement against DRRs,
 * quality; each stage timed. Optionally draws the result over the X-ray.
 */
public final class RegisterCommand {

    static final String USAGE = """
            usage: register --xray FILE.dcm --model DIR --ct CT.nii[.gz]|CT_SERIES_DIR
                            (--labels LABELS.nii[.gz] --level ID | --centroid X,Y,Z)
                            [--similarity robust|gc|ngi|go|patch-gc] [--centre COLUMN,ROW] [--png FILE.png]
              Registers the vertebra in one DICOM projection X-ray (DX, CR, XA or RF) to the CT: the X-ray is
              resampled onto the model's detector (the default C-arm: 128x128 pixels of 1 mm, SDD 1000 mm, SOD 600 mm)
              about the vertebra, the network in DIR (trained for that detector) estimates the pose, and refinement
              against DRRs of the CT on the X-ray's own C-arm finishes it. Prints how the X-ray was read (every default
              used), both poses (degrees about x (L), y (P), z (S) through the vertebra's centroid, then mm), the
              similarity, how far refinement moved from the network, the quality score (low confidence below the
              threshold) and the time of each stage. An X-ray that carries its true pose for this vertebra (one made
              by drr) is also scored: mTRE and mPD of both poses.
              --ct             a NIfTI CT or a folder holding one DICOM CT series
              --labels/--level the vertebra labelled ID: only its own voxels are projected (labels on the CT's grid)
              --centroid       a point on the vertebra instead (LPS mm): its 80 mm cube is projected as it is
              --similarity     what refinement maximises (default robust)
              --centre         the X-ray pixel (column,row, from 0) over the vertebra, which goes to the model
                               detector's centre (default: the X-ray's centre)
              --png            also draws the resampled X-ray x4 with the outline of the vertebra at the network's
                               pose (yellow) and at the refined pose (green), and a legend
              Exit code 0 on success, 2 on any error.
            """;

    /** Enlargement of the drawing: the 128-pixel detector becomes 512 pixels, where a one-pixel outline is still fine. */
    static final int PNG_SCALE = 4;

    private RegisterCommand() {}

    static final CommandLine.Command COMMAND = new CommandLine.Command("register", USAGE, RegisterCommand::parse, RegisterCommand::register);

    private static Map<String, String> parse(String[] args) {
        List<String> withValue = List.of("--xray", "--model", "--ct", "--labels", "--level", "--centroid", "--similarity", "--centre",
                "--png");
        Map<String, String> o = CommandLine.options(args, List.of(), withValue);
        if (o.containsKey("--help")) {
            return o;
        }
        CommandLine.require(o, "--xray", "--model", "--ct");
        if (o.containsKey("--labels") != o.containsKey("--level")) {
            throw new IllegalArgumentException("--labels and --level go together");
        }
        if (o.containsKey("--labels") == o.containsKey("--centroid")) {
            throw new IllegalArgumentException("give either --labels with --level, or --centroid");
        }
        // Check every value now, so that a typo fails before anything is read.
        if (o.containsKey("--level")) {
            CommandLine.positive(o.get("--level"), "--level");
        }
        if (o.containsKey("--centroid")) {
            DrrCommand.numbers(o.get("--centroid"), 3, "--centroid");
        }
        if (o.containsKey("--centre")) {
            DrrCommand.numbers(o.get("--centre"), 2, "--centre");
        }
        Similarity.named(o.getOrDefault("--similarity", "robust"));
        return o;
    }

    /** Milliseconds of each stage, in the order they ran. */
    private static final class Stages {
        private final List<String> names = new ArrayList<>();
        private final List<Double> ms = new ArrayList<>();
        private long mark = System.nanoTime();

        /** Ends the stage running since the last mark. */
        void end(String name) {
            long now = System.nanoTime();
            add(name, (now - mark) / 1e6);
            mark = now;
        }

        void add(String name, double milliseconds) {
            names.add(name);
            ms.add(milliseconds);
        }

        /** Restarts the clock without recording what passed (it was recorded as stages of its own). */
        void restart() {
            mark = System.nanoTime();
        }

        String summary() {
            StringBuilder s = new StringBuilder("times (ms):");
            double total = 0;
            for (int i = 0; i < names.size(); i++) {
                s.append(String.format(Locale.ROOT, " %s %.0f,", names.get(i), ms.get(i)));
                total += ms.get(i);
            }
            return s.append(String.format(Locale.ROOT, " total %.0f", total)).toString();
        }
    }

    private static void register(Map<String, String> o, PrintStream out) throws IOException {
        Stages stages = new Stages();
        Similarity similarity = Similarity.named(o.getOrDefault("--similarity", "robust"));
        Path xrayFile = existing(o.get("--xray")), modelDir = Path.of(o.get("--model")), ctPath = existing(o.get("--ct"));
        Path labelsFile = o.containsKey("--labels") ? existing(o.get("--labels")) : null;
        if (!Files.isDirectory(modelDir)) {
            throw new IllegalArgumentException("no model folder " + modelDir);
        }
        CarmGeometry defaults = CarmGeometry.defaults(Vector3.ZERO);
        ModelMetadata metadata = ModelFiles.readMetadataIn(modelDir);
        DetectorGeometry trained = metadata.geometry();
        // The refinement's DRRs show what the model's training images showed: the vertebra alone, or the whole CT.
        ProjectedAnatomy anatomy = ProjectedAnatomy.fromLabel(metadata.projectedAnatomy());
        if (!trained.equals(DetectorGeometry.of(defaults))) {
            throw new IllegalArgumentException("the model in " + modelDir + " was trained for " + trained + ", but register puts the "
                    + "X-ray on the default C-arm's detector (" + DetectorGeometry.of(defaults) + "): use a model trained for that detector");
        }

        // Load: the X-ray first, as the cheapest and the likeliest to be the wrong file.
        Radiograph xray = RadiographReader.read(xrayFile);
        Volume ct = readCt(ctPath);
        EvaluationCase target = labelsFile != null
                ? EvaluationCase.atLevel(NiftiReader.stem(ctPath), ct, NiftiReader.readLabels(labelsFile).onGrid(ct.grid()),
                        CommandLine.positive(o.get("--level"), "--level"))
                : EvaluationCase.atPoint(NiftiReader.stem(ctPath), ct, DrrCommand.toVector(DrrCommand.numbers(o.get("--centroid"), 3, "--centroid")));
        target = target.withAnatomy(anatomy);
        try (NetworkPoseEstimator network = NetworkPoseEstimator.load(modelDir)) {
            stages.end("load");

            CroppedVertebra crop = target.crop();
            Volume projected = target.projected(crop);
            stages.end("crop");

            double[] centre = o.containsKey("--centre") ? DrrCommand.numbers(o.get("--centre"), 2, "--centre") : null;
            XrayRegistration.Result result = XrayRegistration.register(xray, crop, projected, anatomy, network, similarity, centre);
            DetectorResampling.Resampled resampled = result.resampled();
            VertebraRegistration.Outcome outcome = result.outcome();
            stages.add("resample", result.resampleMs());
            describe(out, xrayFile, xray, resampled, target, crop);
            stages.add("predict", outcome.firstMs());
            stages.add("refine", outcome.refineMs());
            stages.restart();

            out.println("network pose: " + format(outcome.first()));
            out.println("refined pose: " + format(outcome.refined()));
            out.printf(Locale.ROOT, "similarity (%s) %.4f after %d DRRs%n", similarity.name(), outcome.refinement().similarity(),
                    outcome.refinement().evaluations());
            out.printf(Locale.ROOT, "network-refinement disagreement %.2f mm, X-ray noise %.1f grey levels%n", outcome.quality().disagreementMm(),
                    outcome.quality().noiseSigma());
            out.printf(Locale.ROOT, "quality %.3f%s%n", outcome.quality().score(), outcome.quality().lowConfidence()
                    ? String.format(Locale.ROOT, ": low confidence (below %.2f), check the result", result.quality().threshold()) : "");
            scoreAgainstTruth(out, xrayFile, crop, resampled.carm(), outcome);
            stages.restart();

            if (o.containsKey("--png")) {
                Path png = Path.of(o.get("--png"));
                XrayRegistration.overlay(result, crop, vertebra(target), PNG_SCALE).writePng(png);
                out.println("wrote " + png);
            }
            stages.end("write");
        }
        out.println(stages.summary());
    }

    private static void describe(PrintStream out, Path file, Radiograph x, DetectorResampling.Resampled resampled, EvaluationCase target,
            CroppedVertebra crop) {
        out.printf(Locale.ROOT, "X-ray %s: %dx%d pixels of %.3fx%.3f mm, SDD %.1f mm, SOD %.1f mm, positioner %.1f°/%.1f°, "
                        + "orientation %s%n", file, x.columns(), x.rows(), x.columnSpacingMm(), x.rowSpacingMm(), x.sourceToDetectorMm(),
                x.sourceToIsocentreMm(), x.primaryAngleDegrees(), x.secondaryAngleDegrees(), x.patientOrientation());
        Set<String> notes = new LinkedHashSet<>(x.notes());
        notes.addAll(resampled.notes());
        notes.forEach(n -> out.println("note: " + n));
        Vector3 c = crop.centroid();
        out.printf(Locale.ROOT, "vertebra %s of %s, centroid %.2f,%.2f,%.2f (LPS mm)%n", vertebra(target), target.name(), c.x(), c.y(),
                c.z());
    }

    /** mTRE and mPD of both poses when the file carries the true pose of this vertebra (an X-ray drr made). */
    private static void scoreAgainstTruth(PrintStream out, Path xrayFile, CroppedVertebra crop, CarmGeometry carm,
            VertebraRegistration.Outcome outcome) {
        XrayWriter.TruePose truth = XrayReader.findTruePose(xrayFile).orElse(null);
        if (truth == null) {
            return; // an X-ray from a patient: no truth to compare with
        }
        double off = truth.offsetMm(crop.centroid());
        if (off > XrayWriter.TruePose.SAME_VERTEBRA_MM) {
            out.printf(Locale.ROOT, "the X-ray's true pose is of a vertebra centred %.1f mm from this one: not compared%n", off);
            return;
        }
        RegistrationMetrics metrics = new RegistrationMetrics(TargetPoints.of(crop), crop.centroid(), carm);
        RegistrationError network = metrics.error(outcome.first(), truth.pose());
        RegistrationError refined = metrics.error(outcome.refined(), truth.pose());
        out.println("true pose:    " + format(truth.pose()));
        out.printf(Locale.ROOT, "against the true pose: network mTRE %.2f mm, mPD %.2f mm; refined mTRE %.2f mm, mPD %.2f mm%n",
                network.mTreMm(), network.mPdMm(), refined.mTreMm(), refined.mPdMm());
    }

    /** A NIfTI file, or a folder of one DICOM CT series assembled as the node assembles it. */
    private static Volume readCt(Path path) throws IOException {
        return Files.isDirectory(path) ? CtSeriesFolder.read(path).volume() : NiftiReader.readVolume(path);
    }

    private static Path existing(String file) throws NoSuchFileException {
        Path p = Path.of(file);
        if (!Files.exists(p)) {
            throw new NoSuchFileException(file);
        }
        return p;
    }

    private static String vertebra(EvaluationCase target) {
        String v = target.vertebra();
        return v.contains(",") ? "at " + v + " (LPS mm)" : "level " + v;
    }

    /** rx ry rz in degrees, tx ty tz in mm. */
    static String format(Pose p) {
        return XrayRegistration.format(p);
    }
}
