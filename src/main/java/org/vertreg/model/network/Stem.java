package org.vertreg.model.network;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/** The stem both branches start from: two 3×3 convolutions with batch norm and ReLU, 1 → width → width channels. */
final class Stem {

    private Stem() {
    }

    static Block create(int width) {
        return new SequentialBlock().add(Layers.convBnRelu(width, 3, 1, 1, 1)).add(Layers.convBnRelu(width, 3, 1, 1, 1));
    }
}
