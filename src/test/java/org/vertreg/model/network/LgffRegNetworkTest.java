package org.vertreg.model.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vertreg.model.network.LgffRegConfig.Branches;
import org.vertreg.model.network.LgffRegConfig.Fusion;

class LgffRegNetworkTest {
    private static final LgffRegConfig FAST = LgffRegConfig.preset("fast");

    @Test
    void thePaperModelHasAboutThePublishedParameterCountAndItsOutputs() {
        try (NDManager m = NDManager.newBaseManager()) {
            LgffRegNetwork paper = NetworkFixtures.initialised(LgffRegConfig.preset("paper"), m, 1, 1);
            long count = NetworkFixtures.parameterCount(paper);
            assertTrue(count > 3_000_000 && count < 4_000_000, "paper has ≈3.5 M parameters, built " + count);
            assertOutputs(NetworkFixtures.forward(paper, m, NetworkFixtures.greyImages(m, 1, 128, 1), false), 1, 4);
        }
    }

    @Test
    void theCpuPresetGivesTheSameOutputs() {
        try (NDManager m = NDManager.newBaseManager()) {
            LgffRegNetwork cpu = NetworkFixtures.initialised(LgffRegConfig.preset("cpu"), m, 2, 1);
            assertOutputs(NetworkFixtures.forward(cpu, m, NetworkFixtures.greyImages(m, 2, 128, 2), true), 2, 4);
        }
    }

    @Test
    void everyAblationGivesTheMainHeadFirstAndOneOutputPerAuxiliaryHead() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray images = NetworkFixtures.greyImages(m, 3, 128, 3);
            for (Branches b : Branches.values()) {
                for (Fusion f : Fusion.values()) {
                    for (boolean aux : new boolean[] {true, false}) {
                        LgffRegConfig c = FAST.withBranches(b).withFusion(f).withAuxiliaryHeads(aux);
                        LgffRegNetwork network = NetworkFixtures.initialised(c, m, 1, 1);
                        assertEquals(c.outputCount(), network.getOutputShapes(new Shape[] {new Shape(3, 1, 128, 128)}).length);
                        for (boolean training : new boolean[] {true, false}) {
                            assertOutputs(NetworkFixtures.forward(network, m, images, training), 3, aux ? 4 : 1);
                        }
                    }
                }
            }
        }
    }

    @Test
    void theAblationsRemoveWhatTheyShould() {
        try (NDManager m = NDManager.newBaseManager()) {
            long full = count(FAST, m);
            // each auxiliary head: FC 2C → 100 and FC 100 → 6 on fused stage i of 2C channels
            long auxiliary = 0;
            for (int i = 0; i < 3; i++) {
                auxiliary += 2L * FAST.localWidths().get(i) * 100 + 100 + 100 * 6 + 6;
            }
            assertEquals(full - auxiliary, count(FAST.withAuxiliaryHeads(false), m));
            long local = count(FAST.withBranches(Branches.LOCAL_ONLY), m);
            long global = count(FAST.withBranches(Branches.GLOBAL_ONLY), m);
            long concat = count(FAST.withFusion(Fusion.CONCAT), m);
            assertTrue(local < full && global < full && concat < full, full + " vs local " + local + ", global " + global + ", concat " + concat);
            assertTrue(local != global);
            // concatenation has no parameters: the DBFF model is larger by exactly its fusion blocks
            LgffRegNetwork dbff = NetworkFixtures.initialised(FAST, m, 1, 1);
            assertEquals(0, NetworkFixtures.parameterCount(NetworkFixtures.initialised(FAST.withFusion(Fusion.CONCAT), m, 1, 1), "fusion"));
            long fusions = NetworkFixtures.parameterCount(dbff, "fusion");
            assertTrue(fusions > 0);
            assertEquals(full - fusions, concat);
        }
    }

    @Test
    void wrongInputShapesAreRefused() {
        try (NDManager m = NDManager.newBaseManager()) {
            LgffRegNetwork network = LgffRegNetwork.create(FAST);
            assertThrows(IllegalArgumentException.class, () -> network.initialize(m, DataType.FLOAT32, new Shape(1, 3, 128, 128)));
            network.initialize(m, DataType.FLOAT32, new Shape(1, 1, 128, 128));
            assertThrows(IllegalArgumentException.class, () -> NetworkFixtures.forward(network, m, NetworkFixtures.greyImages(m, 1, 64, 4), false));
        }
    }

    @Test
    void trainingAndInferenceDifferOnlyThroughBatchNormalisation() {
        try (NDManager m = NDManager.newBaseManager()) {
            LgffRegNetwork network = NetworkFixtures.initialised(FAST, m, 4, 1);
            NDArray images = NetworkFixtures.greyImages(m, 4, 128, 5);
            float[] before = NetworkFixtures.forward(network, m, images, false).head().toFloatArray();
            assertArrayEquals(before, NetworkFixtures.forward(network, m, images, false).head().toFloatArray(), "inference is deterministic");
            NetworkFixtures.forward(network, m, images, true);
            float[] after = NetworkFixtures.forward(network, m, images, false).head().toFloatArray();
            assertFalse(Arrays.equals(before, after), "a training pass moves the running statistics");
        }
    }

    private static long count(LgffRegConfig c, NDManager m) {
        return NetworkFixtures.parameterCount(NetworkFixtures.initialised(c, m, 1, 1));
    }

    private static void assertOutputs(NDList outputs, int batch, int count) {
        assertEquals(count, outputs.size());
        for (NDArray output : outputs) {
            assertEquals(new Shape(batch, 6), output.getShape());
            assertEquals(DataType.FLOAT32, output.getDataType());
            for (float v : output.toFloatArray()) {
                assertTrue(Float.isFinite(v));
            }
        }
    }
}
