package org.vertreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.imaging.NiftiWriter;
import org.vertreg.imaging.ProjectedAnatomy;
import org.vertreg.imaging.SpinePhantom;
import org.vertreg.model.network.LgffRegConfig;
import org.vertreg.model.store.ModelFiles;
import org.vertreg.model.store.ModelMetadata;
import org.vertreg.training.LearningRateSchedule;
import org.vertreg.training.TrainingConfig;
import org.vertreg.training.VertebraTraining;

/** train then evaluate on a phantom written as NIfTI, as a user would run them; and their refusals of bad input. */
class TrainAndEvaluateCommandTest {

    @TempDir
    Path dir;

    private String stdout = "", stderr = "";

    private int run(boolean train, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8), e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = (train ? TrainCommand.COMMAND : EvaluateCommand.COMMAND).run(args, o, e);
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
        return code;
    }

    private Path[] phantomFiles() throws IOException {
        SpinePhantom phantom = SpinePhantom.create();
        Path ct = dir.resolve("phantom.nii.gz"), labels = dir.resolve("phantom-seg.nii.gz");
        NiftiWriter.write(phantom.volume(), ct);
        NiftiWriter.write(phantom.labels(), labels);
        return new Path[] {ct, labels};
    }

    @Test
    void trainWritesAModelThatEvaluateScoresAndASecondRunResumes() throws IOException {
        Path[] files = phantomFiles();
        Path out = dir.resolve("run");
        String level = String.valueOf(SpinePhantom.MIDDLE_LABEL);
        List<String> args = List.of("--ct", files[0].toString(), "--labels", files[1].toString(), "--level", level, "--out", out.toString(),
                "--preset", "fast", "--samples", "16", "--validation", "4", "--batch", "8", "--threads", "1", "--seed", "3");
        String[] oneEpoch = concat(args, "--epochs", "1");
        assertEquals(0, run(true, oneEpoch), stderr);
        assertTrue(stdout.contains("16 training and 4 validation images of the vertebra alone"), stdout);
        assertTrue(stdout.contains("epochs 1 (best validation in epoch 1)"), stdout);
        assertTrue(stdout.contains("validation (4 images): MAE"), stdout);
        Path model = out.resolve("model");
        assertTrue(Files.isRegularFile(model.resolve(ModelFiles.PARAMETERS)));
        assertTrue(Files.isRegularFile(out.resolve("training").resolve("training.csv")));
        assertTrue(Files.isRegularFile(out.resolve("training").resolve("training.png")));
        ModelMetadata metadata = ModelFiles.readMetadataIn(model);
        assertEquals("fast", metadata.preset());
        assertEquals(3, metadata.seed());
        assertEquals("vertebra-alone", metadata.projectedAnatomy());
        assertEquals(4, metadata.validation().samples());
        assertTrue(metadata.validation().mTreMm() > 0);

        // the same run asked for one more epoch continues from the checkpoint instead of starting over
        assertEquals(0, run(true, concat(args, "--epochs", "2")), stderr);
        assertTrue(stdout.contains("epochs 2 "), stdout);

        Path csv = dir.resolve("eval.csv"), trials = dir.resolve("trials.csv");
        assertEquals(0, run(false, "--case", files[0] + ":" + files[1] + ":" + level + ":" + model, "--poses", "3", "--baseline", "--csv",
                csv.toString(), "--trials", trials.toString(), "--refine", "gc", "--optimisation-only", "ngi"), stderr);
        assertTrue(stdout.contains("phantom") && stdout.contains("overall") && stdout.contains("baseline"), stdout);
        assertTrue(stdout.contains("network + refinement (gc)") && stdout.contains("optimisation only (ngi) from the reference pose"), stdout);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size(), "header, the case and overall: " + lines);
        assertTrue(lines.get(0).startsWith("case,vertebra,n,mtre_mean_mm"), lines.get(0));
        assertTrue(lines.get(1).startsWith("phantom," + level + ",3,"), lines.get(1));
        List<String> trialLines = Files.readAllLines(trials);
        assertEquals(4, trialLines.size(), "header and one line per registration: " + trialLines);
        assertTrue(trialLines.get(3).startsWith("phantom," + level + ",2,"), trialLines.get(3));
        assertEquals(20, trialLines.get(3).split(",").length, trialLines.get(3));
    }

    @Test
    void theDefaultsAreTheMeasuredCpuRecipeAndThePapersIsOneLineAway() {
        VertebraTraining.Plan defaults = TrainCommand.plan(Map.of("--level", "20"));
        assertEquals("fast", defaults.network().name());
        assertEquals(32, defaults.training().batchSize());
        assertEquals(LearningRateSchedule.warmupCosine(3e-4, 200), defaults.training().schedule());
        assertEquals(9000, defaults.trainingSamples());
        assertEquals(1000, defaults.validationSamples());
        assertEquals(ProjectedAnatomy.VERTEBRA_ALONE, defaults.anatomy());
        VertebraTraining.Plan paper = TrainCommand.plan(Map.of("--level", "20", "--preset", "paper", "--batch", "16", "--lr", "6e-5",
                "--constant", ""));
        assertEquals("paper", paper.network().name());
        assertEquals(16, paper.training().batchSize());
        assertEquals(LearningRateSchedule.constant(TrainingConfig.PAPER_LEARNING_RATE), paper.training().schedule());
    }

    @Test
    void theAnatomyIsChosenByItsLabel() {
        assertEquals(ProjectedAnatomy.WHOLE_CT, TrainCommand.plan(Map.of("--level", "20", "--anatomy", "whole-ct")).anatomy());
        assertEquals(ProjectedAnatomy.VERTEBRA_ALONE, TrainCommand.plan(Map.of("--level", "20", "--anatomy", "vertebra-alone")).anatomy());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainCommand.plan(Map.of("--level", "20", "--anatomy", "neighbours")));
        assertTrue(e.getMessage().startsWith("--anatomy: ") && e.getMessage().contains("vertebra-alone, whole-ct"), e.getMessage());
        assertTrue(TrainCommand.USAGE.contains("[--anatomy vertebra-alone|whole-ct]"));
    }

    @Test
    void aShapeBetweenThePresetsIsGivenInTheMetadatasTextForm() {
        LgffRegConfig wide = LgffRegConfig.preset("fast").withBranches(LgffRegConfig.Branches.LOCAL_ONLY);
        VertebraTraining.Plan plan = TrainCommand.plan(Map.of("--level", "20", "--network", wide.toString()));
        assertEquals(wide, plan.network());
        assertEquals(LgffRegConfig.preset("cpu").withAuxiliaryHeads(false),
                TrainCommand.plan(Map.of("--level", "20", "--network", LgffRegConfig.preset("cpu").toString(), "--no-aux", "")).network());
    }

    @Test
    void badInputIsRefusedWithExitCode2() throws IOException {
        Path[] files = phantomFiles();
        assertEquals(2, run(true, "--ct", files[0].toString(), "--labels", files[1].toString(), "--out", dir.toString()));
        assertTrue(stderr.contains("--level is required"), stderr);
        assertEquals(2, run(true, "--ct", files[0].toString(), "--labels", files[1].toString(), "--level", "20", "--out", dir.toString(),
                "--preset", "huge"));
        assertTrue(stderr.contains("huge"), stderr);
        assertEquals(2, run(true, "--ct", files[0].toString(), "--labels", files[1].toString(), "--level", "20", "--out", dir.toString(),
                "--local-only", "--global-only"));
        assertEquals(2, run(true, "--ct", files[0].toString(), "--labels", files[1].toString(), "--level", "20", "--out", dir.toString(),
                "--constant", "--cosine", "100"));
        assertTrue(stderr.contains("--constant and --cosine"), stderr);
        assertEquals(2, run(true, "--ct", files[0].toString(), "--labels", files[1].toString(), "--level", "20", "--out", dir.toString(),
                "--preset", "fast", "--network", LgffRegConfig.preset("cpu").toString()));
        assertTrue(stderr.contains("--preset and --network"), stderr);
        assertEquals(2, run(true, "--ct", files[0].toString(), "--labels", files[1].toString(), "--level", "20", "--out", dir.toString(),
                "--network", "inputSize=128"));
        assertTrue(stderr.contains("needs exactly the keys"), stderr);
        assertEquals(2, run(true, "--ct", files[0].toString(), "--labels", files[1].toString(), "--level", "20", "--out", dir.toString(),
                "--budget", "soon"));
        assertTrue(stderr.contains("--budget"), stderr);
        assertEquals(2, run(true, "--ct", files[0].toString(), "--labels", files[1].toString(), "--level", "20", "--out", dir.toString(),
                "--anatomy", "whole"));
        assertTrue(stderr.contains("--anatomy: unknown projected anatomy 'whole'"), stderr);
        assertEquals(2, run(true, "--ct", dir.resolve("missing.nii.gz").toString(), "--labels", files[1].toString(), "--level", "20",
                "--out", dir.resolve("x").toString(), "--preset", "fast"));
        assertTrue(stderr.contains("missing.nii.gz"), stderr);
        assertEquals(2, run(false, "--case", files[0] + ":" + files[1] + ":20:" + dir.resolve("no-model")));
        assertTrue(stderr.contains("no model folder"), stderr);
        assertEquals(2, run(false, "--case", "only-two:fields"));
        assertEquals(2, run(false, "--case", files[0] + ":" + files[1] + ":20:" + dir, "--refine", "mutual-information"));
        assertTrue(stderr.contains("unknown similarity 'mutual-information'"), stderr);
        assertEquals(2, run(false));
        assertTrue(stderr.contains("--case"), stderr);
        assertEquals(0, run(true, "--help"));
        assertTrue(stdout.startsWith("usage: train"));
    }

    @Test
    void budgetsReadAsSecondsMinutesHoursOrIso() {
        assertEquals(Duration.ofSeconds(90), TrainCommand.duration("90s"));
        assertEquals(Duration.ofMinutes(20), TrainCommand.duration("20m"));
        assertEquals(Duration.ofMinutes(90), TrainCommand.duration("1.5h"));
        assertEquals(Duration.ofMinutes(5), TrainCommand.duration("PT5M"));
        assertThrows(IllegalArgumentException.class, () -> TrainCommand.duration("0s"));
        assertThrows(IllegalArgumentException.class, () -> TrainCommand.duration("-3m"));
    }

    private static String[] concat(List<String> args, String... more) {
        String[] all = args.toArray(new String[0]);
        String[] out = java.util.Arrays.copyOf(all, all.length + more.length);
        System.arraycopy(more, 0, out, all.length, more.length);
        return out;
    }
}
