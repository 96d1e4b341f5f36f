package org.vertreg.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code training.csv}: one row per validation (the end of every epoch, and where a time budget stopped the run).
 * Losses are the mean L1 losses of DESIGN.md §4's normalised parameters, the training one over the epoch's steps so
 * far; the MAE is the main head's. The file is rewritten whole (temporary file and rename) after every row, and a
 * resumed run first drops rows from beyond its checkpoint, so the file always matches the checkpoint's history.
 */
public final class TrainingLog {
    public static final String HEADER = "epoch,step,samples,train_loss,validation_loss,validation_mae,learning_rate,elapsed_s";

    /** One validation; {@code epoch} counts from 1 and is fractional when a run stopped within an epoch. */
    public record Row(double epoch, long step, long samples, double trainLoss, double validationLoss, double validationMae,
            double learningRate, double elapsedSeconds) {

        String csv() {
            return String.format(Locale.ROOT, "%.4f,%d,%d,%.6g,%.6g,%.6g,%.6g,%.1f", epoch, step, samples, trainLoss, validationLoss,
                    validationMae, learningRate, elapsedSeconds);
        }

        static Row parse(String line) {
            String[] f = line.split(",");
            if (f.length != 8) {
                throw new IllegalArgumentException("not a training log row: " + line);
            }
            return new Row(Double.parseDouble(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Double.parseDouble(f[3]),
                    Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]), Double.parseDouble(f[7]));
        }
    }

    private final Path file;
    private final List<Row> rows = new ArrayList<>();

    private TrainingLog(Path file) {
        this.file = file;
    }

    /** The log at {@code file} with its rows up to and including step {@code lastStep}; a fresh run passes −1. */
    public static TrainingLog open(Path file, long lastStep) throws IOException {
        TrainingLog log = new TrainingLog(file);
        if (lastStep >= 0 && Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank() && !line.equals(HEADER)) {
                    Row row = Row.parse(line);
                    if (row.step() <= lastStep) {
                        log.rows.add(row);
                    }
                }
            }
        }
        log.write();
        return log;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public void append(Row row) throws IOException {
        rows.add(row);
        write();
    }

    private void write() throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        rows.forEach(r -> text.append(r.csv()).append('\n'));
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, text);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
