package org.vertreg.model.network;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

/** The regression heads that turn a fused map into the 6 normalised pose parameters. */
final class PoseHeads {
    static final int POSE_PARAMETERS = 6;

    private PoseHeads() {
    }

    /** An auxiliary head on an intermediate stage: global average pool, FC → 100, ReLU, FC → 6. */
    static Block auxiliary() {
        return new SequentialBlock()
                .addSingleton(map -> map.getNDArrayInternal().globalAvgPool())
                .add(Linear.builder().setUnits(100).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(POSE_PARAMETERS).build());
    }

    /**
     * The main head on the last fused map: 1×1 conv → 128, 3×3 → 64, 3×3 → 32 (each with batch norm and ReLU), flatten
     * (32·h·w values: 2048 on the paper's 8×8 map), FC → 100, ReLU, FC → 32, ReLU, FC → 6.
     */
    static Block main() {
        return new SequentialBlock()
                .add(Layers.convBnRelu(128, 1, 1, 0, 1))
                .add(Layers.convBnRelu(64, 3, 1, 1, 1))
                .add(Layers.convBnRelu(32, 3, 1, 1, 1))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(100).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(32).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(POSE_PARAMETERS).build());
    }
}
