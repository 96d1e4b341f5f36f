package org.vertreg.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.concurrent.ExecutorService;

/**
 * One pass of the network, in inference mode (batch normalisation uses its running statistics), over the validation
 * samples: the mean weighted loss and the mean absolute error of the main head, both per sample.
 */
final class Validation {

    record Outcome(double loss, double mae) {
    }

    private Validation() {
    }

    static Outcome run(Block block, ParameterStore parameters, NDManager manager, PoseSamples samples, PoseLoss loss, int batchSize,
            ExecutorService pool, int ahead) throws InterruptedException {
        int[] order = new int[samples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int batches = (order.length + batchSize - 1) / batchSize;
        double lossSum = 0, maeSum = 0;
        try (BatchQueue queue = new BatchQueue(pool, ahead, samples, order, batchSize, 0, batches)) {
            while (queue.hasNext()) {
                Batch b = queue.next();
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = scope.create(b.images(), new Shape(b.size(), 1, b.rows(), b.columns()));
                    NDArray y = scope.create(b.poses(), new Shape(b.size(), 6));
                    NDList out = block.forward(parameters, new NDList(x), false);
                    lossSum += loss.total(out, y).getFloat() * b.size();
                    maeSum += PoseLoss.mainError(out, y).getFloat() * b.size();
                }
            }
        }
        return new Outcome(lossSum / order.length, maeSum / order.length);
    }
}
