package org.vertreg.model.network;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/**
 * One stage of the local (CNN) branch: a stride-2 convolution with batch norm halves the map and sets the stage's
 * width, then residual depthwise-separable blocks. The first stage downsamples the stem with a padded 3×3, the later
 * ones with a 2×2 (the published layout).
 */
final class LocalStage {

    private LocalStage() {
    }

    static Block create(int width, int blocks, boolean first) {
        SequentialBlock stage = new SequentialBlock().add(first ? Layers.convBn(width, 3, 2, 1, 1) : Layers.convBn(width, 2, 2, 0, 1));
        for (int i = 0; i < blocks; i++) {
            stage.add(new DepthwiseResidualBlock(width));
        }
        return stage;
    }
}
