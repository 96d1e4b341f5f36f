package org.vertreg.training;

import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.util.concurrent.ExecutorService;

/**
 * One invocation of {@link PoseTrainer#train}: restores the checkpoint if there is one, runs the remaining steps epoch
 * by epoch, validates, checkpoints and logs after each epoch (and where the time budget stops it), and finally puts the
 * best parameters into the block.
 *
 * <p>The clock is read once per step and twice per validation, and every interval between reads is counted as the
 * work it covers, so that the time budget's estimates include all the run does.
 */
final class TrainingRun {
    /** Steps in a row whose loss or gradient may be non-finite before the run gives up. */
    static final int MAX_SKIPPED_IN_A_ROW = 5;

    private final PoseTrainer trainer;
    private final TrainingConfig config;
    private final PoseSamples training;
    private final PoseSamples validation;
    private final String fingerprint;
    private final ExecutorService pool;
    private final PoseLoss loss;
    private final AdamW optimiser;
    private final Checkpoints checkpoints;
    private final ParameterStore parameters;
    private final int stepsPerEpoch;
    private final long totalSteps;
    private final TimeBudget budget;

    private TrainingState state;
    private long now;
    private long stepNanos;
    private long stepsTaken;
    private double finishingNanos = Double.NaN;
    private int skippedSteps;
    private int skippedInARow;

    TrainingRun(PoseTrainer trainer, PoseSamples training, PoseSamples validation, String fingerprint, ExecutorService pool)
            throws IOException {
        this.trainer = trainer;
        this.config = trainer.config();
        this.training = training;
        this.validation = validation;
        this.fingerprint = fingerprint;
        this.pool = pool;
        this.loss = new PoseLoss(config.auxWeights());
        this.optimiser = new AdamW(config.weightDecay());
        this.checkpoints = new Checkpoints(trainer.directory());
        this.parameters = new ParameterStore(trainer.manager(), false);
        this.stepsPerEpoch = training.size() / config.batchSize();
        this.totalSteps = (long) config.epochs() * stepsPerEpoch;
        this.state = checkpoints.hasLast() ? checkpoints.readLast(fingerprint, trainer.block(), trainer.manager(), optimiser)
                : TrainingState.start();
        this.now = trainer.clock().getAsLong();
        this.budget = new TimeBudget(config.timeBudget(), now, state.elapsedNanos());
    }

    TrainingResult execute() throws IOException, InterruptedException {
        boolean resumed = state.step() > 0;
        TrainingLog log = TrainingLog.open(trainer.directory().resolve(PoseTrainer.LOG), resumed ? state.step() : -1);
        TrainingProgress progress = new TrainingProgress(trainer.console(), config.epochs(), stepsPerEpoch);
        if (resumed) {
            progress.message("resuming at epoch " + (state.epoch() + 1) + ", step " + state.step());
        }
        boolean stopped = false;
        while (state.epoch() < config.epochs() && !stopped) {
            int batchAtStart = state.batch();
            stopped = trainEpoch(progress);
            if (state.batch() == batchAtStart) {
                break; // stopped before this epoch's first step: its start is already checkpointed
            }
            finishStretch(log, progress);
        }
        if (state.hasBest()) {
            checkpoints.loadBest(trainer.block(), trainer.manager());
        }
        return new TrainingResult(state.bestValidationLoss(), state.bestValidationMae(), state.bestEpoch() + 1, state.epoch(), state.step(),
                samplesPerSecond(), budget.elapsed(now) / 1e9, PeakMemory.heapBytes(), PeakMemory.residentBytes(),
                stopped && state.epoch() < config.epochs(), skippedSteps, checkpoints.best());
    }

    /** The rest of the current epoch; true if the time budget stopped it. */
    private boolean trainEpoch(TrainingProgress progress) throws InterruptedException {
        int[] order = EpochOrder.of(training.size(), config.seed(), state.epoch());
        PoseSamples epochSamples = training.forEpoch(state.epoch());
        try (BatchQueue queue = new BatchQueue(pool, config.loaderThreads() + 1, epochSamples, order, config.batchSize(), state.batch(),
                stepsPerEpoch)) {
            now = trainer.clock().getAsLong();
            while (queue.hasNext()) {
                if (!budget.allowsStep(now, meanStepNanos(), estimatedFinishingNanos())) {
                    return true;
                }
                Batch batch = queue.next();
                PoseTrainer.StepOutcome outcome = trainer.step(batch, parameters, loss, optimiser, rate(state.step()), state.step());
                long end = trainer.clock().getAsLong();
                stepNanos += end - now;
                stepsTaken++;
                now = end;
                if (outcome.skipped()) {
                    skip(outcome, progress);
                    state = state.afterSkippedStep(batch.size(), budget.spent(now));
                } else {
                    skippedInARow = 0;
                    state = state.afterStep(batch.size(), outcome.loss(), budget.spent(now));
                }
                progress.step(now, state, samplesPerSecond(), etaSeconds());
            }
        }
        return false;
    }

    /**
     * A step that changed nothing because a value was not finite: reported, and the batch passed over. The run stops at
     * once when the forward pass left a running statistic non-finite or when too many steps in a row were skipped.
     */
    private void skip(PoseTrainer.StepOutcome outcome, TrainingProgress progress) {
        skippedSteps++;
        skippedInARow++;
        String where = "step " + (state.step() + 1) + " (epoch " + (state.epoch() + 1) + ", batch " + (state.batch() + 1) + "): non-finite "
                + outcome.nonFinite();
        var damaged = Gradients.firstNonFiniteValue(trainer.block().getParameters());
        if (damaged.isPresent()) {
            throw new TrainingDivergedException(where + ", which left " + damaged.get() + " non-finite; the run cannot go on");
        }
        if (skippedInARow >= MAX_SKIPPED_IN_A_ROW) {
            throw new TrainingDivergedException(where + "; " + skippedInARow + " steps in a row were non-finite, the run cannot go on");
        }
        String line = where + "; batch skipped, parameters unchanged";
        progress.message(line);
        trainer.report(line);
    }

    /** Validation, best parameters, checkpoint, log row and plot at the end of an epoch or of a stopped run. */
    private void finishStretch(TrainingLog log, TrainingProgress progress) throws IOException, InterruptedException {
        long start = now;
        Validation.Outcome outcome = Validation.run(trainer.block(), parameters, trainer.manager(), validation, loss, config.batchSize(),
                pool, config.loaderThreads() + 1);
        if (!Double.isFinite(outcome.mae()) || !Double.isFinite(outcome.loss())) {
            throw new TrainingDivergedException("validation after step " + state.step() + " gave loss " + outcome.loss() + ", MAE "
                    + outcome.mae() + ": the network's output is not finite");
        }
        boolean best = outcome.mae() < state.bestValidationMae();
        if (best) {
            state = state.withBest(outcome.mae(), outcome.loss());
            checkpoints.writeBest(trainer.block());
        }
        long elapsed = budget.spent(trainer.clock().getAsLong());
        TrainingLog.Row row = new TrainingLog.Row(state.epoch() + (double) state.batch() / stepsPerEpoch, state.step(), state.samples(),
                state.epochLoss(), outcome.loss(), outcome.mae(), rate(Math.max(0, state.step() - 1)), elapsed / 1e9);
        state = (state.batch() == stepsPerEpoch ? state.nextEpoch() : state).withElapsed(elapsed);
        checkpoints.writeLast(fingerprint, state, trainer.block(), optimiser);
        log.append(row);
        LossPlot.write(log.rows(), trainer.directory().resolve(PoseTrainer.PLOT));
        progress.epochDone(row, best);
        now = trainer.clock().getAsLong();
        finishingNanos = now - start;
    }

    private double rate(long step) {
        return config.schedule().rate(step, totalSteps, budget.fractionSpent(now));
    }

    private double meanStepNanos() {
        return stepsTaken == 0 ? Double.NaN : (double) stepNanos / stepsTaken;
    }

    /** As measured, or before the first validation a validation sample costed as a training sample. */
    private double estimatedFinishingNanos() {
        return Double.isNaN(finishingNanos) ? meanStepNanos() / config.batchSize() * validation.size() : finishingNanos;
    }

    private double samplesPerSecond() {
        return stepsTaken == 0 ? Double.NaN : stepsTaken * (double) config.batchSize() / (stepNanos / 1e9);
    }

    private double etaSeconds() {
        double remainingSteps = totalSteps - state.step();
        double remainingEpochs = config.epochs() - state.epoch();
        return (remainingSteps * meanStepNanos() + remainingEpochs * estimatedFinishingNanos()) / 1e9;
    }
}
