package org.vertreg.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.imaging.NiftiWriter;
import org.vertreg.imaging.SpinePhantom;
import org.vertreg.model.store.ModelFiles;
import org.vertreg.testing.PackagedApp;

/**
 * Black-box test of the packaged {@code train} command: killed (SIGKILL) after its second epoch's checkpoint, the same
 * command on the same folder resumes from that checkpoint, keeps the epochs already logged and ends where an
 * uninterrupted run ends (same steps and samples). Bit-for-bit equality of the parameters is checked in-process
 * ({@code PoseTrainerResumeTest}); across processes PyTorch's CPU kernels do not always round alike.
 */
class TrainingKillIT {
    private static final int EPOCHS = 5;

    @TempDir
    static Path dir;
    private static List<String> arguments;

    @BeforeAll
    static void phantomOnDisk() throws IOException {
        SpinePhantom phantom = SpinePhantom.create();
        Path ct = dir.resolve("phantom.nii.gz"), labels = dir.resolve("phantom-labels.nii.gz");
        NiftiWriter.write(phantom.volume(), ct);
        NiftiWriter.write(phantom.labels(), labels);
        arguments = List.of("--ct", ct.toString(), "--labels", labels.toString(), "--level", String.valueOf(SpinePhantom.MIDDLE_LABEL),
                "--preset", "fast", "--samples", "192", "--validation", "32", "--epochs", String.valueOf(EPOCHS), "--batch", "16",
                "--lr", "1e-3", "--threads", "1", "--seed", "11");
    }

    @Test
    void aKilledRunResumesFromItsCheckpointToTheUninterruptedRunsEnd() throws Exception {
        Path straight = dir.resolve("straight"), killed = dir.resolve("killed");
        assertEquals(0, train(straight).waitFor(), "uninterrupted run; see " + straight + ".log");

        Process doomed = train(killed);
        Path log = killed.resolve("training").resolve(PoseTrainer.LOG);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (rows(log) < 2) {
            assertTrue(doomed.isAlive(), "the run ended before it could be killed; see " + killed + ".log");
            assertTrue(System.nanoTime() < deadline, "no second epoch within 5 minutes");
            Thread.sleep(20);
        }
        doomed.destroyForcibly().waitFor();
        assertNotEquals(0, doomed.exitValue());
        assertFalse(Files.exists(killed.resolve("model").resolve(ModelFiles.PARAMETERS)), "no model before the run ends");
        List<String> beforeKill = stepsAndLosses(killed);
        int checkpointedEpochs = beforeKill.size() - 1;
        assertTrue(checkpointedEpochs < EPOCHS, "killed after epoch " + checkpointedEpochs + " of " + EPOCHS);

        Process resumed = train(killed);
        assertEquals(0, resumed.waitFor(), "resumed run; see " + killed + ".log");
        String output = Files.readString(dir.resolve("killed.log"));
        assertTrue(output.contains("resuming at epoch " + (checkpointedEpochs + 1)), output);

        List<String> after = stepsAndLosses(killed);
        assertEquals(beforeKill, after.subList(0, beforeKill.size()), "the epochs trained before the kill are kept, not redone");
        assertEquals(columns(stepsAndLosses(straight), 3), columns(after, 3), "epochs, steps and samples of an uninterrupted run");
        assertTrue(Files.size(killed.resolve("model").resolve(ModelFiles.PARAMETERS)) > 0);
        assertEquals(Files.size(straight.resolve("model").resolve(ModelFiles.PARAMETERS)),
                Files.size(killed.resolve("model").resolve(ModelFiles.PARAMETERS)));
    }

    /** The first {@code n} columns of each line. */
    private static List<String> columns(List<String> lines, int n) {
        return lines.stream().map(l -> String.join(",", List.of(l.split(",")).subList(0, n))).toList();
    }

    private static Process train(Path out) throws IOException {
        List<String> command = new ArrayList<>(List.of("--out", out.toString()));
        command.addAll(arguments);
        return PackagedApp.startCommand("train", command, out.resolveSibling(out.getFileName() + ".log"));
    }

    /** Data rows of training.csv: one per finished epoch here (no time budget). */
    private static int rows(Path log) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        return (int) Math.max(0, Files.readAllLines(log).stream().filter(l -> !l.isBlank()).count() - 1);
    }

    /** training.csv without its elapsed-time column. */
    private static List<String> stepsAndLosses(Path out) throws IOException {
        return Files.readAllLines(out.resolve("training").resolve(PoseTrainer.LOG)).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }
}
