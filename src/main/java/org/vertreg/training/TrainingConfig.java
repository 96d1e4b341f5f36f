package org.vertreg.training;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How {@link PoseTrainer} trains.
 *
 * @param batchSize     samples per optimiser step; an epoch is ⌊training samples / batchSize⌋ steps
 * @param epochs        passes over the training samples
 * @param schedule      learning rate per step
 * @param weightDecay   AdamW's decoupled weight decay (the paper: 0.05), applied to weights only
 * @param auxWeights    loss weights of the network's auxiliary heads, in output order (the paper: 0.4, 0.6, 0.8);
 *                      empty for a network without them
 * @param seed          seeds the initial weights, the sample order of every epoch and dropout
 * @param timeBudget    training time the run may take over all its resumptions; it stops early enough to validate and
 *                      checkpoint within it, and a cosine schedule decays over it
 * @param loaderThreads  threads that make batches ahead of the step that needs them
 * @param computeThreads threads the engine computes with during training; 0 leaves the engine's own choice (all
 *                       physical cores). Fewer help on a shared machine, where threads that wait for each other
 *                       at every operation lose far more than the cores they would add
 * @param progress       write a progress line to standard error
 */
public record TrainingConfig(int batchSize, int epochs, LearningRateSchedule schedule, double weightDecay, List<Double> auxWeights,
        long seed, Optional<Duration> timeBudget, int loaderThreads, int computeThreads, boolean progress) {

    /** The paper's learning rate and weight decay. */
    public static final double PAPER_LEARNING_RATE = 6e-5;
    public static final double PAPER_WEIGHT_DECAY = 0.05;
    public static final int PAPER_EPOCHS = 320;

    public TrainingConfig {
        if (batchSize <= 0 || epochs <= 0 || loaderThreads <= 0 || computeThreads < 0) {
            throw new IllegalArgumentException("batch size, epochs and loader threads must be positive, compute threads ≥ 0: " + batchSize
                    + ", " + epochs + ", " + loaderThreads + ", " + computeThreads);
        }
        Objects.requireNonNull(schedule, "schedule");
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be finite and ≥ 0: " + weightDecay);
        }
        auxWeights = List.copyOf(auxWeights);
        for (double w : auxWeights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("auxiliary loss weights must be finite and ≥ 0: " + auxWeights);
            }
        }
        Objects.requireNonNull(timeBudget, "timeBudget");
        if (timeBudget.isPresent() && (timeBudget.get().isNegative() || timeBudget.get().isZero())) {
            throw new IllegalArgumentException("a time budget must be positive: " + timeBudget.get());
        }
    }

    /**
     * The paper's optimiser settings (constant rate 6·10⁻⁵, weight decay 0.05, 320 epochs), batches of 16, seed 0, no
     * time budget, one loader thread, the engine's compute threads, progress shown; the auxiliary weights come from the
     * caller.
     */
    public static TrainingConfig defaults(double... auxWeights) {
        List<Double> aux = java.util.Arrays.stream(auxWeights).boxed().toList();
        return new TrainingConfig(16, PAPER_EPOCHS, LearningRateSchedule.constant(PAPER_LEARNING_RATE), PAPER_WEIGHT_DECAY, aux, 0,
                Optional.empty(), 1, 0, true);
    }

    public TrainingConfig withBatchSize(int n) {
        return new TrainingConfig(n, epochs, schedule, weightDecay, auxWeights, seed, timeBudget, loaderThreads, computeThreads, progress);
    }

    public TrainingConfig withEpochs(int n) {
        return new TrainingConfig(batchSize, n, schedule, weightDecay, auxWeights, seed, timeBudget, loaderThreads, computeThreads, progress);
    }

    public TrainingConfig withSchedule(LearningRateSchedule s) {
        return new TrainingConfig(batchSize, epochs, s, weightDecay, auxWeights, seed, timeBudget, loaderThreads, computeThreads, progress);
    }

    public TrainingConfig withWeightDecay(double d) {
        return new TrainingConfig(batchSize, epochs, schedule, d, auxWeights, seed, timeBudget, loaderThreads, computeThreads, progress);
    }

    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(batchSize, epochs, schedule, weightDecay, auxWeights, s, timeBudget, loaderThreads, computeThreads, progress);
    }

    public TrainingConfig withTimeBudget(Duration budget) {
        return new TrainingConfig(batchSize, epochs, schedule, weightDecay, auxWeights, seed, Optional.of(budget), loaderThreads, computeThreads,
                progress);
    }

    public TrainingConfig withLoaderThreads(int n) {
        return new TrainingConfig(batchSize, epochs, schedule, weightDecay, auxWeights, seed, timeBudget, n, computeThreads, progress);
    }

    public TrainingConfig withComputeThreads(int n) {
        return new TrainingConfig(batchSize, epochs, schedule, weightDecay, auxWeights, seed, timeBudget, loaderThreads, n, progress);
    }

    public TrainingConfig withProgress(boolean on) {
        return new TrainingConfig(batchSize, epochs, schedule, weightDecay, auxWeights, seed, timeBudget, loaderThreads, computeThreads, on);
    }

    /**
     * What a checkpoint must agree with to be resumed: everything that shapes the sequence of updates. The epoch
     * count, time budget, threads and progress line may change between runs (raising the epochs continues a finished
     * run; a cosine schedule is then stretched over the new length). Another number of compute threads may round
     * sums differently: the resumed run is then equivalent, not identical bit for bit.
     */
    String resumeFingerprint() {
        return String.format(Locale.ROOT, "batch=%d schedule=%s decay=%s aux=%s seed=%d", batchSize, schedule, weightDecay,
                auxWeights.stream().map(String::valueOf).collect(Collectors.joining(",")), seed);
    }
}
