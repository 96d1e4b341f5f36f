package org.vertreg.model.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A pre-norm Transformer block over tokens (N, L, E), the paper's eq. (5): z' = MHSA(LN(z)) + z, then
 * z'' = MLP(LN(z')) + z', the MLP being Linear(E → ratio·E), GELU, Linear(→ E). Layer norms have ε = 1e-6. DJL's own
 * encoder block normalises after the residual sum (post-norm), hence this one.
 */
final class TransformerBlock extends AbstractBlock {
    private final Block norm1;
    private final Block attention;
    private final Block norm2;
    private final Block mlp;

    TransformerBlock(int embedDim, int heads, int mlpRatio) {
        norm1 = addChildBlock("norm1", tokenNorm(1e-6f));
        attention = addChildBlock("attention", new MultiHeadSelfAttention(embedDim, heads));
        norm2 = addChildBlock("norm2", tokenNorm(1e-6f));
        mlp = addChildBlock("mlp", new SequentialBlock()
                .add(Linear.builder().setUnits((long) mlpRatio * embedDim).build())
                .add(Activation.geluBlock())
                .add(Linear.builder().setUnits(embedDim).build()));
    }

    /** Layer norm over the embedding axis of (N, L, E) tokens. */
    static LayerNorm tokenNorm(float epsilon) {
        return LayerNorm.builder().axis(2).optEpsilon(epsilon).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray z = inputs.singletonOrThrow();
        NDArray attended = attention.forward(ps, norm1.forward(ps, inputs, training, params), training, params).singletonOrThrow();
        NDArray z1 = attended.add(z);
        NDArray mixed = mlp.forward(ps, norm2.forward(ps, new NDList(z1), training, params), training, params).singletonOrThrow();
        return new NDList(mixed.add(z1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block child : new Block[] {norm1, attention, norm2, mlp}) {
            child.initialize(manager, dataType, inputShapes);
        }
    }
}
