package org.vertreg.model.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;
import java.util.List;
import org.vertreg.model.network.LgffRegConfig.Branches;

/**
 * The dual-branch feature fusion (DBFF) of one stage, the paper's eq. (6): the global map is projected by a 1×1
 * convolution (batch norm, ReLU) to the stage width C and concatenated with the local map into F (2C channels); then
 * F·(CA(F) + SA(F)) with channel and spatial attention, plus the previous stage's fused map, resized bilinearly to this
 * stage and projected by a 1×1 convolution. Inputs in {@link StageMaps} order.
 *
 * <p>With one branch (the paper's LB and GB ablations) F is that branch's map alone (the global one still projected
 * to C), so the fused map has C channels.
 */
final class DbffFusion extends AbstractBlock {
    private final Branches branches;
    private final boolean withPrevious;
    private final int fusedWidth;
    private final Block projection;
    private final Block channelAttention;
    private final Block spatialAttention;
    private final Block previousProjection;

    DbffFusion(Branches branches, int width, boolean withPrevious) {
        this.branches = branches;
        this.withPrevious = withPrevious;
        this.fusedWidth = branches == Branches.BOTH ? 2 * width : width;
        projection = branches == Branches.LOCAL_ONLY ? null : addChildBlock("globalProjection", Layers.convBnRelu(width, 1, 1, 0, 1));
        channelAttention = addChildBlock("channelAttention", new ChannelAttention(fusedWidth));
        spatialAttention = addChildBlock("spatialAttention", new SpatialAttention());
        previousProjection = withPrevious ? addChildBlock("previousProjection", Layers.conv(fusedWidth, 1, 1, 0, 1, true)) : null;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        StageMaps<NDArray> maps = StageMaps.of(inputs, branches, withPrevious);
        long h = maps.reference().getShape().get(2), w = maps.reference().getShape().get(3);
        NDList parts = new NDList();
        if (maps.local() != null) {
            parts.add(maps.local());
        }
        if (maps.global() != null) {
            NDArray projected = projection.forward(ps, new NDList(maps.global()), training, params).singletonOrThrow();
            parts.add(MapResize.to(projected, h, w));
        }
        NDArray f = parts.size() == 1 ? parts.head() : NDArrays.concat(parts, 1);
        NDList fList = new NDList(f);
        NDArray ca = channelAttention.forward(ps, fList, training, params).singletonOrThrow();
        NDArray sa = spatialAttention.forward(ps, fList, training, params).singletonOrThrow();
        NDArray fused = f.mul(ca.add(sa));
        if (withPrevious) {
            NDList previous = new NDList(MapResize.to(maps.previous(), h, w));
            fused = fused.add(previousProjection.forward(ps, previous, training, params).singletonOrThrow());
        }
        return new NDList(fused);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape reference = StageMaps.of(Arrays.asList(inputShapes), branches, withPrevious).reference();
        return new Shape[] {new Shape(reference.get(0), fusedWidth, reference.get(2), reference.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        StageMaps<Shape> shapes = StageMaps.of(List.of(inputShapes), branches, withPrevious);
        Shape fused = getOutputShapes(inputShapes)[0];
        if (projection != null) {
            projection.initialize(manager, dataType, shapes.global());
        }
        channelAttention.initialize(manager, dataType, fused);
        spatialAttention.initialize(manager, dataType, fused);
        if (previousProjection != null) {
            Shape p = shapes.previous();
            previousProjection.initialize(manager, dataType, new Shape(p.get(0), p.get(1), fused.get(2), fused.get(3)));
        }
    }
}
