package org.vertreg.training;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * A small stand-in for the pose network, built from a config text {@code tiny channels=N}: a strided 3×3 convolution,
 * batch norm, ReLU, global average pooling, then a main head and an auxiliary head of six values each (main first,
 * as the network orders them).
 */
public final class TinyPoseBlock {
    private TinyPoseBlock() {
    }

    public static String config(int channels) {
        return "tiny channels=" + channels;
    }

    public static Block fromConfig(String config) {
        if (!config.startsWith("tiny channels=")) {
            throw new IllegalArgumentException("not a tiny config: " + config);
        }
        int channels = Integer.parseInt(config.substring("tiny channels=".length()));
        Block main = Linear.builder().setUnits(6).build();
        Block aux = Linear.builder().setUnits(6).build();
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(4, 4)).setFilters(channels).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(new ParallelBlock(heads -> new NDList(heads.get(0).singletonOrThrow(), heads.get(1).singletonOrThrow()),
                        List.of(main, aux)));
    }
}
