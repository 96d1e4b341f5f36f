package org.vertreg.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Trains a pose regressor: a {@link Block} that maps grey images (N, 1, rows, columns), 0–255, to the normalised pose
 * (N, 6), followed by as many auxiliary pose outputs as the configuration has auxiliary weights. AdamW on the L1 loss
 * of {@link PoseLoss}; batches made on background threads from {@link PoseSamples}; on the GPU when the engine sees
 * one, else on all CPU cores.
 *
 * <p>Everything goes to one directory: {@code training.csv} and {@code training.png} after every epoch and
 * {@link Checkpoints} (the last state and the best parameters). A run started on a directory that holds a checkpoint
 * continues from it, with the same parameters, optimiser moments, sample order and learning rate it would have had
 * uninterrupted. When the run ends (all epochs done or the time budget spent) the block holds the parameters of the
 * best validation.
 */
public final class PoseTrainer implements AutoCloseable {
    public static final String LOG = "training.csv";
    public static final String PLOT = "training.png";

    private final Block block;
    private final TrainingConfig config;
    private final Path directory;
    private final LongSupplier clock;
    private final PrintStream console;
    private final NDManager manager;

    public PoseTrainer(Supplier<Block> network, TrainingConfig config, Path directory) {
        this(network, config, directory, System::nanoTime, System.err);
    }

    /**
     * @param clock   nanoseconds, for the time budget and throughput (tests pass their own)
     * @param console where the progress line goes when the configuration asks for it
     */
    PoseTrainer(Supplier<Block> network, TrainingConfig config, Path directory, LongSupplier clock, PrintStream console) {
        this.block = Objects.requireNonNull(network.get(), "the network supplier gave no block");
        this.config = Objects.requireNonNull(config, "config");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.clock = clock;
        this.console = console;
        Device device = Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        this.manager = NDManager.newBaseManager(device);
    }

    /** The network; after {@link #train} it holds the best validation's parameters. Valid until {@link #close}. */
    public Block block() {
        return block;
    }

    public Device device() {
        return manager.getDevice();
    }

    /**
     * Trains on {@code training} and validates on {@code validation} after every epoch.
     *
     * @throws IllegalArgumentException when there are fewer training samples than a batch or the images differ in size
     * @throws IllegalStateException    when the directory's checkpoint was written under another configuration, or the
     *                                  engine computes wrong convolution gradients ({@link ConvolutionCheck})
     */
    public TrainingResult train(PoseSamples training, PoseSamples validation) throws IOException {
        if (training.size() < config.batchSize() || validation.size() == 0) {
            throw new IllegalArgumentException("need at least one batch (" + config.batchSize() + ") of training samples and one validation"
                    + " sample; got " + training.size() + " and " + validation.size());
        }
        if (training.columns() != validation.columns() || training.rows() != validation.rows()) {
            throw new IllegalArgumentException("training and validation images differ in size");
        }
        if (!manager.getDevice().isGpu()) {
            ConvolutionCheck.requireCorrectInputGradients(manager);
        }
        Files.createDirectories(directory);
        initialise(training);
        String fingerprint = fingerprint(config, training, validation);
        ExecutorService pool = Executors.newFixedThreadPool(config.loaderThreads(), r -> {
            Thread t = new Thread(r, "batch-loader");
            t.setDaemon(true);
            return t;
        });
        try (ComputeThreads threads = ComputeThreads.use(manager.getEngine(), config.computeThreads())) {
            return new TrainingRun(this, training, validation, fingerprint, pool).execute();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("training interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** What a checkpoint must match to be resumed with these samples. */
    static String fingerprint(TrainingConfig config, PoseSamples training, PoseSamples validation) {
        return config.resumeFingerprint() + " training=" + training.size() + " validation=" + validation.size() + " image="
                + training.columns() + "x" + training.rows();
    }

    private void initialise(PoseSamples samples) {
        if (!block.isInitialized()) {
            // The engine's generator draws the initial weights: seeding it makes them a function of the configuration.
            manager.getEngine().setRandomSeed((int) config.seed());
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, samples.rows(), samples.columns()));
        }
    }

    /** What one step did: its loss, and why it changed nothing when a value was not finite (null otherwise). */
    record StepOutcome(double loss, String nonFinite) {
        boolean skipped() {
            return nonFinite != null;
        }
    }

    /**
     * One optimiser step on {@code batch}, unless its loss or a gradient is not finite: then the parameters stay as they
     * were, the gradients are cleared and the outcome says where the first non-finite value arose. Dropout, if any,
     * draws from (seed, step).
     */
    StepOutcome step(Batch batch, ParameterStore parameters, PoseLoss loss, AdamW optimiser, double rate, long step) {
        manager.getEngine().setRandomSeed((int) (config.seed() * 1_000_003L + step));
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(batch.images(), new Shape(batch.size(), 1, batch.rows(), batch.columns()));
            NDArray y = scope.create(batch.poses(), new Shape(batch.size(), 6));
            double value;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray total = loss.total(block.forward(parameters, new NDList(x), true), y);
                value = total.getFloat();
                if (!Double.isFinite(value)) {
                    return new StepOutcome(value, "loss " + value);
                }
                collector.backward(total);
            }
            PairList<String, Parameter> all = block.getParameters();
            Optional<String> nonFinite = Gradients.firstNonFinite(all);
            if (nonFinite.isPresent()) {
                Gradients.zeroAll(all);
                return new StepOutcome(value, "gradient, first in " + nonFinite.get());
            }
            optimiser.step(all, rate);
            return new StepOutcome(value, null);
        }
    }

    TrainingConfig config() {
        return config;
    }

    Path directory() {
        return directory;
    }

    LongSupplier clock() {
        return clock;
    }

    PrintStream console() {
        return config.progress() ? console : null;
    }

    /** A line that must be seen even without the progress display (which prints it itself when it is on). */
    void report(String line) {
        if (!config.progress()) {
            console.println(line);
        }
    }

    NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        manager.close();
    }
}
