package org.vertreg.model.network;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;

/**
 * The convolution building bricks the stages share. A convolution followed by batch normalisation has no bias: in
 * training the normalisation subtracts the batch mean, so such a bias would never receive a gradient.
 */
final class Layers {

    private Layers() {
    }

    /** A square convolution; {@code groups} = channels makes it depthwise. */
    static Conv2d conv(int filters, int kernel, int stride, int padding, int groups, boolean bias) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel)).optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding)).optGroups(groups).optBias(bias).build();
    }

    /** Batch normalisation over the channel axis of an NCHW map. */
    static BatchNorm batchNorm() {
        return BatchNorm.builder().optAxis(1).optEpsilon(1e-5f).build();
    }

    /** Convolution then batch normalisation. */
    static SequentialBlock convBn(int filters, int kernel, int stride, int padding, int groups) {
        return new SequentialBlock().add(conv(filters, kernel, stride, padding, groups, false)).add(batchNorm());
    }

    /** Convolution, batch normalisation, ReLU. */
    static Block convBnRelu(int filters, int kernel, int stride, int padding, int groups) {
        return convBn(filters, kernel, stride, padding, groups).add(Activation.reluBlock());
    }
}
