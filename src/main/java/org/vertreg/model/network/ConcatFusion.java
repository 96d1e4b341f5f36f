package org.vertreg.model.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;
import org.vertreg.model.network.LgffRegConfig.Branches;

/**
 * The paper's "LB + GB" ablation: a stage's branch maps simply concatenated along the channels (the global map
 * enlarged to the local one's size when needed), no projection, no attention, no link to the previous stage. It has
 * no parameters. With one branch it passes that branch's map through. Inputs in {@link StageMaps} order, without a
 * previous map.
 */
final class ConcatFusion extends AbstractBlock {
    private final Branches branches;

    ConcatFusion(Branches branches) {
        this.branches = branches;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        StageMaps<NDArray> maps = StageMaps.of(inputs, branches, false);
        if (maps.local() == null || maps.global() == null) {
            return new NDList(maps.reference());
        }
        Shape local = maps.local().getShape();
        return new NDList(NDArrays.concat(new NDList(maps.local(), MapResize.to(maps.global(), local.get(2), local.get(3))), 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        StageMaps<Shape> maps = StageMaps.of(Arrays.asList(inputShapes), branches, false);
        Shape r = maps.reference();
        long channels = (maps.local() == null ? 0 : maps.local().get(1)) + (maps.global() == null ? 0 : maps.global().get(1));
        return new Shape[] {new Shape(r.get(0), channels, r.get(2), r.get(3))};
    }
}
