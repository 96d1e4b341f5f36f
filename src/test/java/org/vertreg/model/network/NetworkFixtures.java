package org.vertreg.model.network;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.SplittableRandom;

/** Small helpers shared by the model tests: seeded grey images, forward passes, parameter counts. */
final class NetworkFixtures {

    private NetworkFixtures() {
    }

    /** {@code n} images of uniform grey noise 0–255, (n, 1, side, side), the same for the same seed. */
    static NDArray greyImages(NDManager manager, int n, int side, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[n * side * side];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextInt(256);
        }
        return manager.create(values, new Shape(n, 1, side, side));
    }

    /** A network of {@code config} whose initial weights are drawn from the engine's generator seeded with {@code seed}. */
    static LgffRegNetwork initialised(LgffRegConfig config, NDManager manager, int batch, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        LgffRegNetwork network = LgffRegNetwork.create(config);
        network.initialize(manager, DataType.FLOAT32, new Shape(batch, 1, config.inputSize(), config.inputSize()));
        return network;
    }

    static NDList forward(Block network, NDManager manager, NDArray images, boolean training) {
        return network.forward(new ParameterStore(manager, false), new NDList(images), training);
    }

    /** Learnable values, as PyTorch counts them: batch-norm running statistics are not parameters to it. */
    static long parameterCount(Block network) {
        return parameterCount(network, "");
    }

    /** Learnable values in parameters whose path (e.g. {@code 04fusion1_02channelAttention_...}) contains {@code part}. */
    static long parameterCount(Block network, String part) {
        long count = 0;
        for (Pair<String, Parameter> p : network.getParameters()) {
            if (p.getValue().requiresGradient() && p.getKey().contains(part)) {
                count += p.getValue().getArray().size();
            }
        }
        return count;
    }
}
