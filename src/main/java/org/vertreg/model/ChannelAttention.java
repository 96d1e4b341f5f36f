package org.vertreg.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Channel attention, the paper's eq. (7): σ(MLP(GAP(x)) + MLP(GMP(x))), one weight per channel, shape (N, C, 1, 1).
 * The MLP (1×1 convolutions without bias, C → C/4 → C with ReLU) is shared by the average- and max-pooled vectors.
 */
final class ChannelAttention extends AbstractBlock {
    static final int REDUCTION = 4;
    private final Block mlp;

    ChannelAttention(int channels) {
        mlp = addChildBlock("mlp", new SequentialBlock()
                .add(Layers.conv(Math.max(1, channels / REDUCTION), 1, 1, 0, 1, false))
                .add(Activation.reluBlock())
                .add(Layers.conv(channels, 1, 1, 0, 1, false)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape pooled = getOutputShapes(new Shape[] {x.getShape()})[0];
        NDArray avg = mlp.forward(ps, new NDList(x.getNDArrayInternal().globalAvgPool().reshape(pooled)), training, params).head();
        NDArray max = mlp.forward(ps, new NDList(x.getNDArrayInternal().globalMaxPool().reshape(pooled)), training, params).head();
        return new NDList(Activation.sigmoid(avg.add(max)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), 1, 1)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        mlp.initialize(manager, dataType, getOutputShapes(inputShapes));
    }
}
