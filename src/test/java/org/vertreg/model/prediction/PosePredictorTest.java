package org.vertreg.model.prediction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.translate.NoopTranslator;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.model.store.ModelRecord;
import org.vertreg.model.store.ModelStore;
import org.vertreg.model.store.StoredModelFixtures;
import org.vertreg.model.store.TestDatabase;
import org.vertreg.training.TinyPoseBlock;
import org.vertreg.testing.SettableClock;

/** A stored model predicts what the block it was saved from predicts, from many threads at once. */
class PosePredictorTest {
    private static final String SERIES = "1.2.826.0.1.3680043.9.7777.2";
    private static final int IMAGES = 6;
    private static TestDatabase db;

    @BeforeAll
    static void database() throws SQLException {
        db = new TestDatabase();
        db.addSeries(SERIES);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        db.close();
    }

    static float[] image(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] grey = new float[128 * 128];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = r.nextInt(256);
        }
        return grey;
    }

    /** What the block itself answers: both heads, main first. */
    private static float[][] forward(Model owner, float[] grey) throws Exception {
        try (Predictor<NDList, NDList> p = owner.newPredictor(new NoopTranslator(null));
                ai.djl.ndarray.NDManager m = owner.getNDManager().newSubManager()) {
            NDList out = p.predict(new NDList(m.create(grey, new Shape(1, 1, 128, 128))));
            return new float[][] {out.get(0).toFloatArray(), out.get(1).toFloatArray()};
        }
    }

    @Test
    void eightThreadsGetTheMainHeadOfTheSavedBlock(@TempDir Path root) throws Exception {
        ModelStore store = new ModelStore(db.dataSource(), root, new SettableClock(Instant.parse("2025-03-02T08:00:00Z")));
        float[][] expected = new float[IMAGES][];
        ModelRecord record;
        try (Model original = Model.newInstance("original")) {
            Block block = StoredModelFixtures.trainedBlock(original);
            original.setBlock(block);
            for (int i = 0; i < IMAGES; i++) {
                float[][] heads = forward(original, image(i));
                expected[i] = heads[0];
                assertFalse(java.util.Arrays.equals(heads[0], heads[1]), "the heads differ, so taking the main one is checked");
            }
            record = store.register(SERIES, 20, "tiny", StoredModelFixtures.metadata(TinyPoseBlock.config(4), Instant.EPOCH, 1.0), block);
        }

        ExecutorService threads = Executors.newFixedThreadPool(8);
        try (WarmModels warm = new WarmModels(store, TinyPoseBlock::fromConfig, 2, 3)) {
            List<Future<double[]>> answers = new ArrayList<>();
            for (int call = 0; call < 8 * 10; call++) {
                int image = call % IMAGES;
                answers.add(threads.submit(() -> warm.predictNormalised(record.id(), image(image))));
            }
            for (int call = 0; call < answers.size(); call++) {
                double[] got = answers.get(call).get();
                float[] want = expected[call % IMAGES];
                assertEquals(6, got.length);
                for (int k = 0; k < 6; k++) {
                    assertEquals(want[k], got[k], 1e-5 * Math.max(1, Math.abs(want[k])), "call " + call + " value " + k);
                }
            }
            assertEquals(List.of(record.id()), warm.loadedIds());
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void theLeastRecentlyUsedModelIsUnloadedAndComesBackOnDemand(@TempDir Path root) throws Exception {
        ModelStore store = new ModelStore(db.dataSource(), root, new SettableClock(Instant.parse("2025-03-02T09:00:00Z")));
        ModelRecord a, b;
        float[] grey = image(99);
        float[] expectedA;
        try (Model m = Model.newInstance("two")) {
            Block blockA = StoredModelFixtures.trainedBlock(m);
            m.setBlock(blockA);
            expectedA = forward(m, grey)[0];
            a = store.register(SERIES, 21, "tiny", StoredModelFixtures.metadata(TinyPoseBlock.config(4), Instant.EPOCH, 1.0), blockA);
            b = store.register(SERIES, 21, "tiny", StoredModelFixtures.metadata(TinyPoseBlock.config(4), Instant.EPOCH, 1.0),
                    StoredModelFixtures.trainedBlock(m));
        }
        try (WarmModels warm = new WarmModels(store, TinyPoseBlock::fromConfig, 1, 1)) {
            PosePredictor first = warm.get(a.id());
            warm.get(b.id());
            assertEquals(List.of(b.id()), warm.loadedIds());
            assertThrows(IllegalStateException.class, () -> first.predictNormalised(grey), "an unloaded model refuses work");
            double[] again = warm.predictNormalised(a.id(), grey);
            for (int k = 0; k < 6; k++) {
                assertEquals(expectedA[k], again[k], 1e-5 * Math.max(1, Math.abs(expectedA[k])));
            }
            assertEquals(List.of(a.id()), warm.loadedIds());
            assertThrows(IllegalArgumentException.class, () -> warm.predictNormalised(a.id(), new float[64 * 64]));
        }
        // the same folder loads without the store, as a model copied to another machine would
        try (PosePredictor fromFolder = PosePredictor.load(root.resolve(a.relativePath()), "copied", TinyPoseBlock::fromConfig, 1)) {
            double[] got = fromFolder.predictNormalised(grey);
            for (int k = 0; k < 6; k++) {
                assertEquals(expectedA[k], got[k], 1e-5 * Math.max(1, Math.abs(expectedA[k])));
            }
        }
    }
}
