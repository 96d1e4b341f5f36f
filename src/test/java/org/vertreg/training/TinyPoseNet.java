package org.vertreg.training;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A small CNN with the pose network's contract, for trainer tests: (N, 1, 128, 128) grey 0–255 in; the main pose
 * (N, 6) out, then with auxiliary heads one (N, 6) per stage, as the real network's three auxiliary heads come after
 * its main one. Pools the image to 32² first so a step takes milliseconds.
 */
public final class TinyPoseNet extends AbstractBlock {
    private final SequentialBlock[] stages = new SequentialBlock[3];
    private final SequentialBlock[] auxHeads;
    private final SequentialBlock main;

    public TinyPoseNet(boolean auxiliaryHeads) {
        int[] widths = {8, 16, 32};
        for (int i = 0; i < stages.length; i++) {
            SequentialBlock s = new SequentialBlock();
            if (i == 0) {
                s.add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().div(255f)))).add(Pool.avgPool2dBlock(new Shape(4, 4)));
            }
            s.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2)).optPadding(new Shape(1, 1))
                    .setFilters(widths[i]).build()).add(BatchNorm.builder().build()).add(Activation.reluBlock());
            stages[i] = addChildBlock("stage" + i, s);
        }
        auxHeads = auxiliaryHeads ? new SequentialBlock[3] : new SequentialBlock[0];
        for (int i = 0; i < auxHeads.length; i++) {
            auxHeads[i] = addChildBlock("aux" + i, new SequentialBlock().add(Pool.globalAvgPool2dBlock())
                    .add(Linear.builder().setUnits(6).build()));
        }
        main = addChildBlock("main", new SequentialBlock().add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(64).build())
                .add(Activation.reluBlock()).add(Linear.builder().setUnits(6).build()));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = inputs;
        NDList[] features = new NDList[stages.length];
        for (int i = 0; i < stages.length; i++) {
            x = stages[i].forward(ps, x, training);
            features[i] = x;
        }
        NDList out = new NDList(main.forward(ps, x, training).singletonOrThrow());
        for (int i = 0; i < auxHeads.length; i++) {
            out.add(auxHeads[i].forward(ps, features[i], training).singletonOrThrow());
        }
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        for (int i = 0; i < stages.length; i++) {
            stages[i].initialize(manager, dataType, s);
            if (i < auxHeads.length) {
                auxHeads[i].initialize(manager, dataType, stages[i].getOutputShapes(new Shape[] {s}));
            }
            s = stages[i].getOutputShapes(new Shape[] {s})[0];
        }
        main.initialize(manager, dataType, s);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] out = new Shape[1 + auxHeads.length];
        java.util.Arrays.fill(out, new Shape(inputShapes[0].get(0), 6));
        return out;
    }
}
