package org.vertreg.model.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * One stage of the global (Transformer) branch, map in, map out: a patch embedding (convolution with stride = kernel
 * = patch, then a layer norm over each token), Transformer blocks over the h·w tokens, and the tokens laid back out
 * as an (N, E, h, w) map for the next stage and the fusion.
 */
final class GlobalStage extends AbstractBlock {
    private final int embedDim;
    private final int patch;
    private final Block embedding;
    private final Block embeddingNorm;
    private final List<Block> blocks = new ArrayList<>();

    GlobalStage(int embedDim, int heads, int blockCount, int mlpRatio, int patch) {
        this.embedDim = embedDim;
        this.patch = patch;
        embedding = addChildBlock("patchEmbedding", Layers.conv(embedDim, patch, patch, 0, 1, true));
        embeddingNorm = addChildBlock("patchNorm", TransformerBlock.tokenNorm(1e-5f));
        for (int i = 0; i < blockCount; i++) {
            blocks.add(addChildBlock("transformer" + (i + 1), new TransformerBlock(embedDim, heads, mlpRatio)));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray map = embedding.forward(ps, inputs, training, params).singletonOrThrow();
        long n = map.getShape().get(0), h = map.getShape().get(2), w = map.getShape().get(3);
        NDList tokens = embeddingNorm.forward(ps, new NDList(map.reshape(n, embedDim, h * w).transpose(0, 2, 1)), training, params);
        for (Block block : blocks) {
            tokens = block.forward(ps, tokens, training, params);
        }
        return new NDList(tokens.singletonOrThrow().transpose(0, 2, 1).reshape(n, embedDim, h, w));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), embedDim, in.get(2) / patch, in.get(3) / patch)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        embedding.initialize(manager, dataType, inputShapes);
        Shape map = getOutputShapes(inputShapes)[0];
        Shape tokens = new Shape(map.get(0), map.get(2) * map.get(3), embedDim);
        embeddingNorm.initialize(manager, dataType, tokens);
        for (Block block : blocks) {
            block.initialize(manager, dataType, tokens);
        }
    }
}
