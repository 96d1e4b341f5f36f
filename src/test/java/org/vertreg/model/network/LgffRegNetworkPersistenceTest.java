package org.vertreg.model.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LgffRegNetworkPersistenceTest {
    private static final LgffRegConfig FAST = LgffRegConfig.preset("fast");

    @Test
    void savedParametersLoadedIntoAFreshBlockGiveBitIdenticalOutputs() throws IOException, MalformedModelException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray images = NetworkFixtures.greyImages(m, 3, 128, 21);
            LgffRegNetwork trained = NetworkFixtures.initialised(FAST, m, 3, 1);
            NetworkFixtures.forward(trained, m, images, true); // running statistics away from their initial values
            NDList expected = NetworkFixtures.forward(trained, m, images, false);
            byte[] saved = save(trained);

            // loaded without initialising, as a model store would
            LgffRegNetwork fresh = LgffRegNetwork.create(LgffRegConfig.parse(FAST.toString()));
            fresh.loadParameters(m, new DataInputStream(new ByteArrayInputStream(saved)));
            assertSameOutputs(expected, NetworkFixtures.forward(fresh, m, images, false));

            // loaded over other initial weights, which differed before
            LgffRegNetwork other = NetworkFixtures.initialised(FAST, m, 1, 2);
            assertFalse(Arrays.equals(expected.head().toFloatArray(), NetworkFixtures.forward(other, m, images, false).head().toFloatArray()));
            other.loadParameters(m, new DataInputStream(new ByteArrayInputStream(saved)));
            assertSameOutputs(expected, NetworkFixtures.forward(other, m, images, false));
        }
    }

    private static byte[] save(LgffRegNetwork network) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            network.saveParameters(out);
        }
        return bytes.toByteArray();
    }

    private static void assertSameOutputs(NDList expected, NDList actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).toFloatArray(), actual.get(i).toFloatArray(), "output " + i);
        }
    }
}
