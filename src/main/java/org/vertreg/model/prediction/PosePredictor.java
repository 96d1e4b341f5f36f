package org.vertreg.model.prediction;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.vertreg.model.store.DetectorGeometry;
import org.vertreg.model.store.ModelFiles;
import org.vertreg.model.store.ModelMetadata;
import org.vertreg.model.store.ModelRecord;
import org.vertreg.model.store.ModelStore;

/**
 * One stored model, loaded and ready to answer: a grey X-ray in, the main head's normalised pose out (rotations / 18°,
 * translations / 10 mm, {@code Pose.fromNormalised} turns it back). The block's first output is taken as the main
 * head; auxiliary heads after it are ignored.
 *
 * <p>Thread-safe: DJL predictors are not, so each call borrows one from a fixed pool and returns it. {@link #close()}
 * waits for calls in flight; calls after it fail with {@link IllegalStateException}.
 */
public final class PosePredictor implements AutoCloseable {
    private final String name;
    private final int columns;
    private final int rows;
    private final DetectorGeometry geometry;
    private final Model model;
    private final BlockingQueue<Predictor<float[], float[]>> pool;
    private final List<Predictor<float[], float[]>> all = new ArrayList<>();
    private final ReentrantReadWriteLock closing = new ReentrantReadWriteLock();
    private boolean closed;

    private PosePredictor(String name, DetectorGeometry geometry, Model model, int predictors) {
        this.name = name;
        this.columns = geometry.columns();
        this.rows = geometry.rows();
        this.geometry = geometry;
        this.model = model;
        this.pool = new ArrayBlockingQueue<>(predictors);
        for (int i = 0; i < predictors; i++) {
            Predictor<float[], float[]> p = model.newPredictor(new GreyToPose(rows, columns));
            all.add(p);
            pool.add(p);
        }
    }

    /**
     * Loads a READY model of the store.
     *
     * @param blocks     builds the untrained block from the model's network configuration text
     * @param predictors how many calls may run at once
     */
    public static PosePredictor load(ModelStore store, ModelRecord record, Function<String, Block> blocks, int predictors)
            throws IOException {
        record.readyMetadata();
        return load(store.files().directory(record.relativePath()), "model " + record.id(), blocks, predictors);
    }

    /** Loads the model in a folder ({@code model.params} and {@code metadata.json}), with or without a store. */
    public static PosePredictor load(Path modelDirectory, String name, Function<String, Block> blocks, int predictors)
            throws IOException {
        if (predictors < 1) {
            throw new IllegalArgumentException("need at least one predictor, got " + predictors);
        }
        ModelMetadata metadata = ModelFiles.readMetadataIn(modelDirectory);
        Block block = Objects.requireNonNull(blocks.apply(metadata.networkConfig()), "block factory gave no block");
        Model model = Model.newInstance(name); // the engine's default device: a GPU when it sees one
        try {
            model.setBlock(block);
            ModelFiles.loadParametersIn(modelDirectory, block, model.getNDManager());
            return new PosePredictor(name, metadata.geometry(), model, predictors);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    /** The C-arm the model was trained for; its predictions mean a pose only under it. */
    public DetectorGeometry geometry() {
        return geometry;
    }

    /** @param grey {@code rows × columns} grey values 0–255, row-major, as the model was trained on */
    public double[] predictNormalised(float[] grey) {
        if (grey == null || grey.length != rows * columns) {
            throw new IllegalArgumentException("the model takes " + rows + "x" + columns + " grey values");
        }
        closing.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException(name + " has been unloaded");
            }
            Predictor<float[], float[]> p = pool.take();
            try {
                float[] out = p.predict(grey);
                double[] pose = new double[out.length];
                for (int i = 0; i < out.length; i++) {
                    pose[i] = out[i];
                }
                return pose;
            } finally {
                pool.add(p);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a predictor", e);
        } catch (TranslateException e) {
            throw new IllegalStateException(name + " failed to predict: " + e.getMessage(), e);
        } finally {
            closing.readLock().unlock();
        }
    }

    @Override
    public void close() {
        closing.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                all.forEach(Predictor::close);
                model.close();
            }
        } finally {
            closing.writeLock().unlock();
        }
    }

    /** A batch of one grey image, NCHW; out comes the first output's six values. */
    private record GreyToPose(int rows, int columns) implements Translator<float[], float[]> {
        @Override
        public NDList processInput(TranslatorContext ctx, float[] grey) {
            return new NDList(ctx.getNDManager().create(grey, new Shape(1, 1, rows, columns)));
        }

        @Override
        public float[] processOutput(TranslatorContext ctx, NDList outputs) {
            NDArray main = outputs.get(0);
            if (main.size() != 6) {
                throw new IllegalStateException("the main head gives " + main.getShape() + ", not 6 pose parameters");
            }
            return main.toType(DataType.FLOAT32, false).toFloatArray();
        }

        @Override
        public Batchifier getBatchifier() {
            return null;
        }
    }
}
