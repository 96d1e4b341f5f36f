package org.vertreg.model.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Spatial attention, the paper's eq. (7): σ(conv 7×7([mean over channels, max over channels])), one weight per
 * pixel, shape (N, 1, H, W). The convolution has no bias.
 */
final class SpatialAttention extends AbstractBlock {
    private final Block conv;

    SpatialAttention() {
        conv = addChildBlock("conv", Layers.conv(1, 7, 1, 3, 1, false));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray pooled = NDArrays.concat(new NDList(x.mean(new int[] {1}, true), x.max(new int[] {1}, true)), 1);
        return new NDList(Activation.sigmoid(conv.forward(ps, new NDList(pooled), training, params).singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), 1, in.get(2), in.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        conv.initialize(manager, dataType, new Shape(in.get(0), 2, in.get(2), in.get(3)));
    }
}
