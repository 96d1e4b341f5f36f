package org.vertreg.training;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The console line of a running training: epoch, a bar over the epoch's steps, samples per second, the running loss and
 * the estimated time to the end, redrawn in place ({@code \r}) at most twice a second.
 */
final class TrainingProgress {
    private static final long REDRAW_NANOS = 500_000_000L;
    private static final int BAR = 24;

    private final PrintStream out;
    private final int epochs;
    private final int stepsPerEpoch;
    private long lastDrawn;
    private boolean drawn;
    private int width;

    /** {@code out} null for silence. */
    TrainingProgress(PrintStream out, int epochs, int stepsPerEpoch) {
        this.out = out;
        this.epochs = epochs;
        this.stepsPerEpoch = stepsPerEpoch;
    }

    /**
     * @param now             the clock's current nanoseconds, for throttling
     * @param samplesPerSecond this run's training throughput so far
     * @param etaSeconds       estimated seconds to the end of the run (NaN while unknown)
     */
    void step(long now, TrainingState state, double samplesPerSecond, double etaSeconds) {
        if (out == null || drawn && now - lastDrawn < REDRAW_NANOS) {
            return;
        }
        lastDrawn = now;
        drawn = true;
        int filled = (int) Math.round(BAR * (double) state.batch() / stepsPerEpoch);
        String line = String.format(Locale.ROOT, "epoch %d/%d [%s%s] %d/%d  %.1f samples/s  loss %.4f  ETA %s", state.epoch() + 1, epochs,
                "#".repeat(filled), ".".repeat(BAR - filled), state.batch(), stepsPerEpoch, samplesPerSecond, state.epochLoss(),
                duration(etaSeconds));
        draw(line);
    }

    /** A line that stays: the end of an epoch with its validation. */
    void epochDone(TrainingLog.Row row, boolean best) {
        if (out == null) {
            return;
        }
        draw(String.format(Locale.ROOT, "epoch %.2f: train loss %.5f, validation loss %.5f, MAE %.5f%s, %s elapsed", row.epoch(),
                row.trainLoss(), row.validationLoss(), row.validationMae(), best ? " (best)" : "", duration(row.elapsedSeconds())));
        out.println();
        width = 0;
        drawn = false;
    }

    void message(String text) {
        if (out != null) {
            draw(text);
            out.println();
            width = 0;
        }
    }

    private void draw(String line) {
        out.print('\r' + line + " ".repeat(Math.max(0, width - line.length())));
        out.flush();
        width = line.length();
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
