package org.vertreg.model.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Bilinear resizing of NCHW maps, as PyTorch's {@code interpolate(mode="bilinear", align_corners=False)} does it.
 * Halving is done as 2×2 average pooling: at exactly half size that is what bilinear sampling computes, and DJL's
 * interpolation smooths (anti-aliases) when it shrinks, which PyTorch's bilinear mode does not.
 */
final class MapResize {

    private MapResize() {
    }

    static NDArray to(NDArray map, long height, long width) {
        long h = map.getShape().get(2), w = map.getShape().get(3);
        if (h == height && w == width) {
            return map;
        }
        if (h == 2 * height && w == 2 * width) {
            return averagePool(map, 2);
        }
        if (height < h || width < w) {
            throw new IllegalArgumentException("only halving or enlarging is supported: " + h + "x" + w + " to " + height + "x" + width);
        }
        return map.getNDArrayInternal().interpolation(new long[] {height, width}, 1, false);
    }

    /** Average over non-overlapping {@code factor}×{@code factor} windows. */
    static NDArray averagePool(NDArray map, int factor) {
        Shape window = new Shape(factor, factor);
        return map.getNDArrayInternal().avgPool(window, window, new Shape(0, 0), false, true);
    }
}
