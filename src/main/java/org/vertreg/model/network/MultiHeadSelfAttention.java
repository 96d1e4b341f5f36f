package org.vertreg.model.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head self-attention over tokens (N, L, E): one linear layer with bias makes queries, keys and values, each head
 * of width E/heads attends with softmax(q·kᵀ/√d)·v, and a linear layer mixes the heads' outputs.
 *
 * <p>The (N, heads, L, L) attention maps are by far the largest arrays of the network (4096² per image at the
 * paper's stage 1), so they are released as soon as they are used; autograd keeps its own reference when training.
 */
final class MultiHeadSelfAttention extends AbstractBlock {
    private final int embedDim;
    private final int heads;
    private final float scale;
    private final Block qkv;
    private final Block projection;

    MultiHeadSelfAttention(int embedDim, int heads) {
        if (heads <= 0 || embedDim % heads != 0) {
            throw new IllegalArgumentException(heads + " heads do not divide an embedding of " + embedDim);
        }
        this.embedDim = embedDim;
        this.heads = heads;
        this.scale = (float) (1 / Math.sqrt(embedDim / heads));
        qkv = addChildBlock("qkv", Linear.builder().setUnits(3L * embedDim).optBias(true).build());
        projection = addChildBlock("projection", Linear.builder().setUnits(embedDim).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long n = x.getShape().get(0), l = x.getShape().get(1);
        NDArray all = qkv.forward(ps, inputs, training, params).singletonOrThrow();
        NDArray split = all.reshape(n, l, 3, heads, embedDim / heads).transpose(2, 0, 3, 1, 4); // (3, N, heads, L, d)
        NDArray q = Scalars.times(split.get(0), scale);
        NDArray k = split.get(1);
        NDArray v = split.get(2);
        NDArray logits = q.matMul(k.transpose(0, 1, 3, 2));
        NDArray weights = logits.softmax(-1);
        logits.close();
        NDArray mixed = weights.matMul(v);
        weights.close();
        NDArray merged = mixed.transpose(0, 2, 1, 3).reshape(n, l, embedDim);
        return projection.forward(ps, new NDList(merged), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        qkv.initialize(manager, dataType, inputShapes);
        projection.initialize(manager, dataType, inputShapes);
    }
}
