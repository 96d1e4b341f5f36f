package org.vertreg.training;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Where a run stands, as a checkpoint records it: the next batch to train ({@code batch} of {@code epoch}, both from
 * 0), the optimiser steps and samples done, the running training loss of the epoch in progress, the best validation
 * so far and the training wall time spent over all runs.
 */
record TrainingState(int epoch, int batch, long step, long samples, double epochLossSum, int epochLossCount, double bestValidationMae,
        double bestValidationLoss, int bestEpoch, long elapsedNanos) {

    TrainingState {
        if (epoch < 0 || batch < 0 || step < 0 || samples < 0 || epochLossCount < 0 || elapsedNanos < 0) {
            throw new IllegalArgumentException("a training state counts from 0: " + epoch + "/" + batch + "/" + step);
        }
    }

    static TrainingState start() {
        return new TrainingState(0, 0, 0, 0, 0, 0, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, -1, 0);
    }

    boolean hasBest() {
        return bestEpoch >= 0;
    }

    /** After one more step of {@code batchSize} samples with loss {@code loss}. */
    TrainingState afterStep(int batchSize, double loss, long elapsed) {
        return new TrainingState(epoch, batch + 1, step + 1, samples + batchSize, epochLossSum + loss, epochLossCount + 1,
                bestValidationMae, bestValidationLoss, bestEpoch, elapsed);
    }

    /** After a step whose batch was passed over (its loss or gradient was not finite): counted, its loss left out. */
    TrainingState afterSkippedStep(int batchSize, long elapsed) {
        return new TrainingState(epoch, batch + 1, step + 1, samples + batchSize, epochLossSum, epochLossCount, bestValidationMae,
                bestValidationLoss, bestEpoch, elapsed);
    }

    /** At the start of the next epoch. */
    TrainingState nextEpoch() {
        return new TrainingState(epoch + 1, 0, step, samples, 0, 0, bestValidationMae, bestValidationLoss, bestEpoch, elapsedNanos);
    }

    /** With a new best validation, reached during {@code epoch}. */
    TrainingState withBest(double mae, double loss) {
        return new TrainingState(epoch, batch, step, samples, epochLossSum, epochLossCount, mae, loss, epoch, elapsedNanos);
    }

    TrainingState withElapsed(long nanos) {
        return new TrainingState(epoch, batch, step, samples, epochLossSum, epochLossCount, bestValidationMae, bestValidationLoss, bestEpoch,
                nanos);
    }

    double epochLoss() {
        return epochLossCount == 0 ? Double.NaN : epochLossSum / epochLossCount;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(epoch);
        out.writeInt(batch);
        out.writeLong(step);
        out.writeLong(samples);
        out.writeDouble(epochLossSum);
        out.writeInt(epochLossCount);
        out.writeDouble(bestValidationMae);
        out.writeDouble(bestValidationLoss);
        out.writeInt(bestEpoch);
        out.writeLong(elapsedNanos);
    }

    static TrainingState read(DataInputStream in) throws IOException {
        return new TrainingState(in.readInt(), in.readInt(), in.readLong(), in.readLong(), in.readDouble(), in.readInt(), in.readDouble(),
                in.readDouble(), in.readInt(), in.readLong());
    }
}
