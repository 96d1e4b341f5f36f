package org.vertreg.model.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
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
 * The MLP (1×1 convolutions without bias, C → C/4 → C with ReLU) is shared by the average- and max-pooled vectors;
 * its hidden units start in pairs of opposites (see {@link #mirrorHiddenUnits}).
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
        mirrorHiddenUnits();
    }

    /**
     * Makes the hidden units pairs of opposites (the second half's weights are the first half's, negated). At the start
     * the pooled vectors are positive and nearly equal across channels, so a hidden unit's sign is that of its weights'
     * sum, the same for every input: with independent draws all C/4 units start below zero in about one network in
     * 2^(C/4), and such an attention gets no gradient and stays at σ(0) for good (seen in 3 of 100 single-branch
     * networks). Of two opposite units one is active for any input.
     */
    private void mirrorHiddenUnits() {
        NDArray weight = ((SequentialBlock) mlp).getChildren().get(0).getValue().getParameters().get("weight").getArray();
        long pairs = weight.getShape().get(0) / 2;
        if (pairs > 0) {
            try (NDArray first = weight.get(new NDIndex("0:" + pairs)); NDArray opposite = first.neg()) {
                weight.set(new NDIndex(pairs + ":" + 2 * pairs), opposite);
            }
        }
    }
}
