package org.vertreg.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.LabelMap;
import org.vertreg.imaging.NiftiReader;
import org.vertreg.imaging.ProjectedAnatomy;
import org.vertreg.imaging.VertebraCrop;
import org.vertreg.imaging.Volume;
import org.vertreg.model.network.LgffRegConfig;
import org.vertreg.model.store.ModelWriter;
import org.vertreg.training.LearningRateSchedule;
import org.vertreg.training.TrainingConfig;
import org.vertreg.training.TrainingResult;
import org.vertreg.training.VertebraTraining;

/** {@code train}: a vertebra's LGFF-Reg pose model from simulated X-rays of a NIfTI CT, into a model folder. */
public final class TrainCommand {

    static final String USAGE = """
            usage: train --ct CT.nii[.gz] --labels LABELS.nii[.gz] --level ID --out DIR
                         [--preset fast|cpu|paper | --network "KEY=VALUE ..."] [--local-only | --global-only]
                         [--concat] [--no-aux]
                         [--samples N] [--validation N] [--epochs E] [--batch B] [--lr RATE] [--cosine WARMUP_STEPS]
                         [--constant] [--weight-decay W] [--budget DURATION] [--seed S] [--no-low-dose] [--refresh]
                         [--threads T] [--anatomy vertebra-alone|whole-ct]
              Trains the pose regressor of the vertebra labelled ID on DRRs of it alone (neighbours removed), or of the
              whole CT moved with it (--anatomy), at poses uniform in ±18° and ±10 mm, degraded to low-dose X-rays, and
              writes DIR/model (model.params and metadata.json, for evaluate and the node) and DIR/training
              (checkpoints, training.csv, training.png, the rendered training set). Run again on the same DIR with
              the same options to resume after a kill.
              The defaults are the recipe measured best per CPU-hour; the paper's own is
              --preset paper --batch 16 --lr 6e-5 --constant (for a GPU).
              --preset        network size (default fast); --network gives any other shape in the text form of
                              metadata.json's "networkConfig" (all its keys); --local-only, --global-only,
                              --concat (instead of DBFF) and --no-aux (no auxiliary heads) give the paper's ablations
              --samples       training images (default 9000) and --validation images (default 1000)
              --epochs        passes over the training images (default 320, the paper's); --batch (default 32)
              --lr            Adam(W) peak learning rate (default 3e-4), reached after --cosine N warm-up steps
                              (default 200) and followed by a half cosine to 1 % at the end of the epochs or of the
                              budget, whichever comes first; --constant keeps the rate flat instead
              --weight-decay  (default 0.05, the paper's)
              --budget        training time, e.g. 90s, 20m, 2h, counted over resumptions: stops in time with the best
                              validation's model
              --refresh       fresh training poses every epoch instead of one fixed set
              --anatomy       what the images show: vertebra-alone (default, the paper's protocol: the vertebra on
                              black) or whole-ct (neighbours, ribs and soft tissue as on a real X-ray); recorded in
                              metadata.json as "projectedAnatomy"
              --threads       compute threads (default: the engine's choice, all cores)
              A step whose loss or gradient is not finite changes nothing and is reported; the run stops at
              once (exit code 2) after 5 such steps in a row or when one leaves the network non-finite.
              Exit code 0 on success, 2 on any error.
            """;

    private TrainCommand() {}

    static final CommandLine.Command COMMAND = new CommandLine.Command("train", USAGE, TrainCommand::parse, TrainCommand::train);

    private static Map<String, String> parse(String[] args) {
        List<String> flags = List.of("--local-only", "--global-only", "--concat", "--no-aux", "--no-low-dose", "--refresh", "--constant");
        List<String> withValue = List.of("--ct", "--labels", "--level", "--out", "--preset", "--samples", "--validation", "--epochs",
                "--batch", "--lr", "--cosine", "--weight-decay", "--budget", "--seed", "--threads", "--network", "--anatomy");
        Map<String, String> o = CommandLine.options(args, flags, withValue);
        if (o.containsKey("--help")) {
            return o;
        }
        CommandLine.require(o, "--ct", "--labels", "--level", "--out");
        if (o.containsKey("--local-only") && o.containsKey("--global-only")) {
            throw new IllegalArgumentException("--local-only and --global-only exclude each other");
        }
        if (o.containsKey("--constant") && o.containsKey("--cosine")) {
            throw new IllegalArgumentException("--constant and --cosine exclude each other");
        }
        if (o.containsKey("--preset") && o.containsKey("--network")) {
            throw new IllegalArgumentException("--preset and --network exclude each other");
        }
        plan(o); // every number and name is checked before the CT is read
        return o;
    }

    static VertebraTraining.Plan plan(Map<String, String> o) {
        LgffRegConfig network = o.containsKey("--network") ? LgffRegConfig.parse(o.get("--network"))
                : LgffRegConfig.preset(o.getOrDefault("--preset", VertebraTraining.RECOMMENDED_PRESET));
        if (o.containsKey("--local-only")) {
            network = network.withBranches(LgffRegConfig.Branches.LOCAL_ONLY);
        } else if (o.containsKey("--global-only")) {
            network = network.withBranches(LgffRegConfig.Branches.GLOBAL_ONLY);
        }
        if (o.containsKey("--concat")) {
            network = network.withFusion(LgffRegConfig.Fusion.CONCAT);
        }
        if (o.containsKey("--no-aux")) {
            network = network.withAuxiliaryHeads(false);
        }
        double rate = o.containsKey("--lr") ? positiveDecimal(o.get("--lr"), "--lr") : VertebraTraining.RECOMMENDED_PEAK_RATE;
        int warmup = o.containsKey("--cosine") ? CommandLine.positive(o.get("--cosine"), "--cosine") : VertebraTraining.RECOMMENDED_WARMUP_STEPS;
        LearningRateSchedule schedule = o.containsKey("--constant") ? LearningRateSchedule.constant(rate)
                : LearningRateSchedule.warmupCosine(rate, warmup);
        TrainingConfig training = TrainingConfig.defaults(network.auxiliaryLossWeights()).withSchedule(schedule)
                .withBatchSize(VertebraTraining.RECOMMENDED_BATCH);
        if (o.containsKey("--epochs")) {
            training = training.withEpochs(CommandLine.positive(o.get("--epochs"), "--epochs"));
        }
        if (o.containsKey("--batch")) {
            training = training.withBatchSize(CommandLine.positive(o.get("--batch"), "--batch"));
        }
        if (o.containsKey("--weight-decay")) {
            training = training.withWeightDecay(decimal(o.get("--weight-decay"), "--weight-decay"));
        }
        if (o.containsKey("--budget")) {
            training = training.withTimeBudget(duration(o.get("--budget")));
        }
        if (o.containsKey("--seed")) {
            training = training.withSeed(CommandLine.seed(o.get("--seed")));
        }
        if (o.containsKey("--threads")) {
            training = training.withComputeThreads(CommandLine.positive(o.get("--threads"), "--threads"));
        }
        int samples = o.containsKey("--samples") ? CommandLine.positive(o.get("--samples"), "--samples")
                : VertebraTraining.RECOMMENDED_TRAINING_SAMPLES;
        int validation = o.containsKey("--validation") ? CommandLine.positive(o.get("--validation"), "--validation")
                : VertebraTraining.RECOMMENDED_VALIDATION_SAMPLES;
        CommandLine.positive(o.get("--level"), "--level");
        return new VertebraTraining.Plan(network, training, samples, validation, !o.containsKey("--no-low-dose"), o.containsKey("--refresh"),
                anatomy(o));
    }

    private static void train(Map<String, String> o, PrintStream out) throws IOException {
        VertebraTraining.Plan plan = plan(o);
        int level = CommandLine.positive(o.get("--level"), "--level");
        Volume ct = NiftiReader.readVolume(Path.of(o.get("--ct")));
        LabelMap labels = NiftiReader.readLabels(Path.of(o.get("--labels"))).onGrid(ct.grid());
        CroppedVertebra crop = VertebraCrop.byLabel(ct, labels, level);
        Path dir = Path.of(o.get("--out"));
        out.printf(Locale.ROOT, "level %d, centroid %.1f,%.1f,%.1f (LPS mm); network %s; %d training and %d validation images of the %s%n",
                level, crop.centroid().x(), crop.centroid().y(), crop.centroid().z(), plan.network().name(), plan.trainingSamples(),
                plan.validationSamples(), plan.anatomy() == ProjectedAnatomy.WHOLE_CT ? "whole CT" : "vertebra alone");
        VertebraTraining.Outcome outcome = VertebraTraining.train(ct, crop, plan, dir.resolve("training"),
                ModelWriter.toFolder(dir.resolve("model")));
        TrainingResult r = outcome.result();
        out.printf(Locale.ROOT, "epochs %d (best validation in epoch %d)%s, %.1f samples/s, %.0f s, peak heap %d MB, peak RSS %s%n", r.epochsCompleted(),
                r.bestEpoch(), r.stoppedByBudget() ? ", stopped by the time budget" : "", r.samplesPerSecond(), r.wallSeconds(),
                r.peakHeapBytes() >> 20, r.peakResidentBytes() < 0 ? "unknown" : (r.peakResidentBytes() >> 20) + " MB");
        if (r.skippedSteps() > 0) {
            out.printf(Locale.ROOT, "%d steps skipped because their loss or a gradient was not finite (see above)%n", r.skippedSteps());
        }
        out.printf(Locale.ROOT, "validation (%d images): MAE %.4f, mTRE mean %.2f mm, median %.2f mm%n", outcome.validation().samples(),
                outcome.validation().mae(), outcome.validation().mTreMm(), outcome.validationMedianTreMm());
        out.println("model written to " + dir.resolve("model"));
    }

    private static ProjectedAnatomy anatomy(Map<String, String> o) {
        try {
            return ProjectedAnatomy.fromLabel(o.getOrDefault("--anatomy", ProjectedAnatomy.VERTEBRA_ALONE.label()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--anatomy: " + e.getMessage(), e);
        }
    }

    /** 90s, 20m, 2h, or an ISO-8601 duration (PT20M). */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (t.matches("\\d+(\\.\\d+)?[smh]")) {
                double v = Double.parseDouble(t.substring(0, t.length() - 1));
                long seconds = Math.round(v * switch (t.charAt(t.length() - 1)) {
                    case 'h' -> 3600;
                    case 'm' -> 60;
                    default -> 1;
                });
                d = Duration.ofSeconds(seconds);
            } else {
                d = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            }
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("--budget must be positive: " + text);
            }
            return d;
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--budget is not a duration (90s, 20m, 2h): " + text);
        }
    }

    private static double positiveDecimal(String text, String what) {
        double v = decimal(text, what);
        if (!(v > 0)) {
            throw new IllegalArgumentException(what + " must be positive: " + text);
        }
        return v;
    }

    private static double decimal(String text, String what) {
        try {
            double v = Double.parseDouble(text.trim());
            if (!Double.isFinite(v) || v < 0) {
                throw new IllegalArgumentException(what + " must be a finite number ≥ 0: " + text);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a number: " + text);
        }
    }
}
