package org.vertreg.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoseLossTest {
    private static final float[] TRUTH = {0.1f, -0.2f, 0.3f, -0.4f, 0.5f, -0.6f, 0f, 0.25f, -0.75f, 1f, -1f, 0.5f};

    @Test
    void theLossIsMainPlusWeightedAuxiliaryL1Losses() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray truth = m.create(TRUTH, new Shape(2, 6));
            float[][] outputs = {shifted(0.1f), shifted(-0.2f), shifted(0.3f), shifted(-0.5f)};
            NDList list = new NDList();
            for (float[] o : outputs) {
                list.add(m.create(o, new Shape(2, 6)));
            }
            // every value of output k is off by |shift k|: its L1 loss is exactly that
            double expected = 0.1 + 0.4 * 0.2 + 0.6 * 0.3 + 0.8 * 0.5;
            assertEquals(expected, new PoseLoss(List.of(0.4, 0.6, 0.8)).total(list, truth).getFloat(), 1e-6);
            assertEquals(0.1, PoseLoss.mainError(list, truth).getFloat(), 1e-6);
            assertEquals(0.1, new PoseLoss(List.of()).total(new NDList(list.get(0)), truth).getFloat(), 1e-6);
        }
    }

    @Test
    void theL1LossIsTheMeanOverSamplesAndParameters() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray truth = m.create(TRUTH, new Shape(2, 6));
            float[] p = TRUTH.clone();
            p[0] += 1.2f; // one of twelve values off by 1.2
            p[11] -= 0.6f;
            assertEquals((1.2 + 0.6) / 12, PoseLoss.l1(m.create(p, new Shape(2, 6)), truth).getFloat(), 1e-6);
        }
    }

    @Test
    void outputsAndWeightsMustAgree() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray truth = m.create(TRUTH, new Shape(2, 6));
            NDList mainOnly = new NDList(m.create(shifted(0f), new Shape(2, 6)));
            assertThrows(IllegalArgumentException.class, () -> new PoseLoss(List.of(0.4, 0.6, 0.8)).total(mainOnly, truth));
            assertThrows(IllegalArgumentException.class, () -> PoseLoss.l1(m.create(new float[6], new Shape(1, 6)), truth));
        }
    }

    private static float[] shifted(float shift) {
        float[] o = TRUTH.clone();
        for (int i = 0; i < o.length; i++) {
            o[i] += (i % 2 == 0 ? shift : -shift);
        }
        return o;
    }
}
