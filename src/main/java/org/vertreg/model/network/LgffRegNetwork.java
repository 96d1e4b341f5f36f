package org.vertreg.model.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.vertreg.model.network.LgffRegConfig.Fusion;

/**
 * LGFF-Reg, the single-vertebra pose regressor of DESIGN.md §5, as one DJL block.
 *
 * <p>Contract (the trainer, the predictor and the model store rely on it):
 * <ul>
 *   <li>input: an {@link NDList} of one float32 array (N, 1, S, S), S = {@link LgffRegConfig#inputSize()} (128 for
 *       every preset), holding grey values 0–255 as the DRR mapping and the X-ray resampling produce them, not
 *       normalised (as the published model is fed);</li>
 *   <li>output: an {@link NDList} whose element 0 is the main head's (N, 6) and elements 1..k the auxiliary heads'
 *       (N, 6) in stage order (k = 3, or 0 when {@link LgffRegConfig#auxiliaryHeads()} is off);</li>
 *   <li>every output row is a pose in normalised parameters (rx, ry, rz / 18°, tx, ty, tz / 10 mm), see
 *       {@code geometry.Pose}; a predictor reads element 0 only;</li>
 *   <li>{@code initialize(manager, DataType.FLOAT32, new Shape(1, 1, S, S))} prepares it for training; a block made by
 *       {@link #create} with the same config also takes parameters saved from another one
 *       ({@code saveParameters}/{@code loadParameters}), bit for bit;</li>
 *   <li>batch normalisation uses batch statistics when {@code forward} is called with {@code training = true}, and the
 *       running statistics otherwise: predict with {@code training = false}.</li>
 * </ul>
 *
 * <p>Data flow: optional average pooling of the input, stem; four local stages (CNN) and four global stages
 * (Transformer) side by side, both starting from the stem; per stage a fusion of the two maps (with the previous
 * stage's fused map under DBFF); auxiliary heads on fused maps 1–3, the main head on fused map 4.
 */
public final class LgffRegNetwork extends AbstractBlock {
    private final LgffRegConfig config;
    private final Block stem;
    private final List<Block> localStages = new ArrayList<>();
    private final List<Block> globalStages = new ArrayList<>();
    private final List<Block> fusions = new ArrayList<>();
    private final List<Block> auxiliaryHeads = new ArrayList<>();
    private final Block mainHead;

    private LgffRegNetwork(LgffRegConfig config) {
        this.config = config;
        stem = addChildBlock("stem", Stem.create(config.stemWidth()));
        for (int i = 0; i < LgffRegConfig.STAGES; i++) {
            int stage = i + 1;
            if (config.hasLocalBranch()) {
                localStages.add(addChildBlock("local" + stage, LocalStage.create(config.localWidths().get(i), config.blocksPerStage(), i == 0)));
            }
            if (config.hasGlobalBranch()) {
                globalStages.add(addChildBlock("global" + stage, new GlobalStage(config.embedDims().get(i), config.heads().get(i),
                        config.blocksPerStage(), config.mlpRatio(), i == 0 ? config.patchSize() : 2)));
            }
            fusions.add(addChildBlock("fusion" + stage, config.fusion() == Fusion.DBFF
                    ? new DbffFusion(config.branches(), config.localWidths().get(i), i > 0)
                    : new ConcatFusion(config.branches())));
            if (config.auxiliaryHeads() && stage < LgffRegConfig.STAGES) {
                auxiliaryHeads.add(addChildBlock("auxiliaryHead" + stage, PoseHeads.auxiliary()));
            }
        }
        mainHead = addChildBlock("mainHead", PoseHeads.main());
    }

    /**
     * A new, uninitialised network of this shape. Weights start as PyTorch initialises its layers by default
     * (uniform, variance 1/(3·fan-in)), which the published training recipe (Adam, lr 6e-5) was tuned with.
     */
    public static LgffRegNetwork create(LgffRegConfig config) {
        LgffRegNetwork network = new LgffRegNetwork(config);
        network.setInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1),
                Parameter.Type.WEIGHT);
        return network;
    }

    public LgffRegConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        requireInputShape(x.getShape());
        if (config.inputReduction() > 1) {
            x = MapResize.averagePool(x, config.inputReduction());
        }
        NDList stemmed = stem.forward(ps, new NDList(x), training, params);
        NDList local = stemmed, global = stemmed;
        NDArray fused = null;
        NDList outputs = new NDList(config.outputCount());
        for (int i = 0; i < LgffRegConfig.STAGES; i++) {
            NDList maps = new NDList();
            if (config.hasLocalBranch()) {
                local = localStages.get(i).forward(ps, local, training, params);
                maps.add(local.singletonOrThrow());
            }
            if (config.hasGlobalBranch()) {
                global = globalStages.get(i).forward(ps, global, training, params);
                maps.add(global.singletonOrThrow());
            }
            if (fused != null && config.fusion() == Fusion.DBFF) {
                maps.add(fused);
            }
            fused = fusions.get(i).forward(ps, maps, training, params).singletonOrThrow();
            if (i < auxiliaryHeads.size()) {
                outputs.add(auxiliaryHeads.get(i).forward(ps, new NDList(fused), training, params).singletonOrThrow());
            }
        }
        outputs.add(0, mainHead.forward(ps, new NDList(fused), training, params).singletonOrThrow());
        return outputs;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        requireInputShape(inputShapes[0]);
        Shape[] out = new Shape[config.outputCount()];
        java.util.Arrays.fill(out, new Shape(inputShapes[0].get(0), PoseHeads.POSE_PARAMETERS));
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        requireInputShape(in);
        int side = config.inputSize() / config.inputReduction();
        Shape stemmed = initialize(stem, manager, dataType, new Shape(in.get(0), 1, side, side));
        Shape local = stemmed, global = stemmed, fused = null;
        for (int i = 0; i < LgffRegConfig.STAGES; i++) {
            List<Shape> maps = new ArrayList<>();
            if (config.hasLocalBranch()) {
                maps.add(local = initialize(localStages.get(i), manager, dataType, local));
            }
            if (config.hasGlobalBranch()) {
                maps.add(global = initialize(globalStages.get(i), manager, dataType, global));
            }
            if (fused != null && config.fusion() == Fusion.DBFF) {
                maps.add(fused);
            }
            fused = initialize(fusions.get(i), manager, dataType, maps.toArray(new Shape[0]));
            if (i < auxiliaryHeads.size()) {
                auxiliaryHeads.get(i).initialize(manager, dataType, fused);
            }
        }
        mainHead.initialize(manager, dataType, fused);
    }

    /** Initialises {@code block} for these inputs and returns the shape of its (single) output. */
    private static Shape initialize(Block block, NDManager manager, DataType dataType, Shape... inputs) {
        block.initialize(manager, dataType, inputs);
        return block.getOutputShapes(inputs)[0];
    }

    private void requireInputShape(Shape shape) {
        int s = config.inputSize();
        if (shape.dimension() != 4 || shape.get(1) != 1 || shape.get(2) != s || shape.get(3) != s) {
            throw new IllegalArgumentException("LGFF-Reg " + config.name() + " takes (N, 1, " + s + ", " + s + ") grey images, got " + shape);
        }
    }
}
