package org.vertreg.model.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The local branch's residual unit: x + ReLU(BN(pointwise 1×1(ReLU(BN(depthwise 3×3(x)))))). The depthwise 3×3 looks at
 * edges within each channel, the pointwise 1×1 mixes channels; together far cheaper than a full 3×3 convolution.
 */
final class DepthwiseResidualBlock extends AbstractBlock {
    private final Block body;

    DepthwiseResidualBlock(int channels) {
        body = addChildBlock("body", new SequentialBlock()
                .add(Layers.convBnRelu(channels, 3, 1, 1, channels))
                .add(Layers.convBnRelu(channels, 1, 1, 0, 1)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return new NDList(body.forward(ps, inputs, training, params).singletonOrThrow().add(x));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        body.initialize(manager, dataType, inputShapes);
    }
}
