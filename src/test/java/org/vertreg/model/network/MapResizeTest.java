package org.vertreg.model.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class MapResizeTest {

    @Test
    void enlargingIsBilinearWithoutCornerAlignmentAsInPyTorch() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray map = m.arange(16f).reshape(1, 1, 4, 4);
            float[] firstRow = MapResize.to(map, 8, 8).get("0, 0, 0").toFloatArray();
            // torch.nn.functional.interpolate(torch.arange(16.).view(1,1,4,4), size=8, mode="bilinear")[0,0,0]
            assertArrayEquals(new float[] {0f, 0.25f, 0.75f, 1.25f, 1.75f, 2.25f, 2.75f, 3f}, firstRow, 1e-6f);
        }
    }

    @Test
    void halvingAveragesEachTwoByTwoWindowAsBilinearSamplingDoesThere() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray map = m.arange(32f).reshape(1, 2, 4, 4);
            assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f, 18.5f, 20.5f, 26.5f, 28.5f}, MapResize.to(map, 2, 2).toFloatArray());
        }
    }

    @Test
    void theSameSizeIsLeftAloneAndOtherShrinkingRefused() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray map = m.zeros(new Shape(1, 1, 6, 6));
            assertSame(map, MapResize.to(map, 6, 6));
            assertThrows(IllegalArgumentException.class, () -> MapResize.to(map, 4, 4));
        }
    }
}
