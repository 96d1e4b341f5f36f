package org.vertreg.model.store;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.time.Instant;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Vector3;
import org.vertreg.training.TinyPoseBlock;

/** What the store and predictor tests register: metadata of a tiny network and the network itself. */
public final class StoredModelFixtures {
    private StoredModelFixtures() {
    }

    public static ModelMetadata metadata(String networkConfig, Instant at, double mTre) {
        return new ModelMetadata(DetectorGeometry.of(CarmGeometry.defaults(Vector3.ZERO)), "DrrImageMapping", "tiny", networkConfig,
                "epochs=1 lr=6e-5 batch=8", 42, new ValidationMetrics(100, mTre, 0.008), "0.1.0-test", at);
    }

    /** A tiny block with fresh random parameters. */
    public static Block trainedBlock(Model owner) {
        Block block = TinyPoseBlock.fromConfig(TinyPoseBlock.config(4));
        block.initialize(owner.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 128, 128));
        return block;
    }
}
