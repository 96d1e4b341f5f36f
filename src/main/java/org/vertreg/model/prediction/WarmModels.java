package org.vertreg.model.prediction;

import ai.djl.nn.Block;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.vertreg.model.store.ModelRecord;
import org.vertreg.model.store.ModelStore;

/**
 * Loaded models kept warm, at most {@code capacity}, the least recently used unloaded first: loading reads the
 * parameters from disk and builds the network, which costs far more than one prediction. Thread-safe; loads happen
 * one at a time.
 */
public final class WarmModels implements AutoCloseable {
    private final ModelStore store;
    private final Function<String, Block> blocks;
    private final int capacity;
    private final int predictorsPerModel;
    private final LinkedHashMap<Long, PosePredictor> loaded = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * @param blocks             builds the untrained block from a model's network configuration text
     * @param capacity           models kept loaded at most
     * @param predictorsPerModel calls one model may serve at once
     */
    public WarmModels(ModelStore store, Function<String, Block> blocks, int capacity, int predictorsPerModel) {
        if (capacity < 1 || predictorsPerModel < 1) {
            throw new IllegalArgumentException("capacity and predictors per model must be ≥ 1");
        }
        this.store = Objects.requireNonNull(store, "store");
        this.blocks = Objects.requireNonNull(blocks, "blocks");
        this.capacity = capacity;
        this.predictorsPerModel = predictorsPerModel;
    }

    /** The loaded model, loading it (and unloading the least recently used beyond capacity) when needed. */
    public synchronized PosePredictor get(long modelId) throws SQLException, IOException {
        PosePredictor p = loaded.get(modelId);
        if (p != null) {
            return p;
        }
        ModelRecord record = store.find(modelId).orElseThrow(() -> new IllegalArgumentException("no model " + modelId));
        p = PosePredictor.load(store, record, blocks, predictorsPerModel);
        loaded.put(modelId, p);
        if (loaded.size() > capacity) {
            Map.Entry<Long, PosePredictor> eldest = loaded.entrySet().iterator().next();
            loaded.remove(eldest.getKey());
            eldest.getValue().close();
        }
        return p;
    }

    /**
     * Predicts with a model, loading it if needed. A model unloaded between lookup and call (by another thread's
     * load) is loaded again once.
     */
    public double[] predictNormalised(long modelId, float[] grey) throws SQLException, IOException {
        try {
            return get(modelId).predictNormalised(grey);
        } catch (IllegalStateException unloaded) {
            return get(modelId).predictNormalised(grey);
        }
    }

    public int capacity() {
        return capacity;
    }

    public int predictorsPerModel() {
        return predictorsPerModel;
    }

    /** Ids of the loaded models, least recently used first. */
    public synchronized List<Long> loadedIds() {
        return new ArrayList<>(loaded.keySet());
    }

    @Override
    public synchronized void close() {
        loaded.values().forEach(PosePredictor::close);
        loaded.clear();
    }
}
