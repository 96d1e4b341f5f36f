package org.vertreg.training;

import java.nio.file.Path;

/**
 * What a training run achieved.
 *
 * @param bestValidationLoss the weighted validation loss at the best validation
 * @param bestValidationMae  the lowest validation MAE of the main head (normalised parameters) so far, over all runs
 * @param bestEpoch          the epoch (from 1) in which it was reached
 * @param epochsCompleted    whole epochs trained so far, over all runs
 * @param steps              optimiser steps so far, over all runs
 * @param samplesPerSecond   training throughput of this run (steps only, validation excluded); NaN if it took none
 * @param wallSeconds        wall time of this run
 * @param peakHeapBytes      peak Java heap of the process
 * @param peakResidentBytes  peak resident set of the process (native tensors included), −1 if unknown
 * @param stoppedByBudget    the time budget ended the run before its last epoch
 * @param skippedSteps       steps of this run that changed nothing because their loss or a gradient was not finite
 * @param bestParameters     the best network parameters ({@code Block.loadParameters} format), now also in the block
 */
public record TrainingResult(double bestValidationLoss, double bestValidationMae, int bestEpoch, int epochsCompleted, long steps,
        double samplesPerSecond, double wallSeconds, long peakHeapBytes, long peakResidentBytes, boolean stoppedByBudget,
        int skippedSteps, Path bestParameters) {
}
