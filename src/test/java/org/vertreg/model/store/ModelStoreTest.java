package org.vertreg.model.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.nn.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.training.TinyPoseBlock;
import org.vertreg.testing.SettableClock;

/** The model store against the real PostgreSQL test database and a temporary folder. */
class ModelStoreTest {
    static final String SERIES = "1.2.826.0.1.3680043.9.7777.1";
    private static TestDatabase db;

    @TempDir
    Path root;
    private SettableClock clock;
    private ModelStore store;
    private Model model;

    @BeforeAll
    static void database() throws SQLException {
        db = new TestDatabase();
        db.addSeries(SERIES);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        db.close();
    }

    @BeforeEach
    void open() {
        clock = new SettableClock(Instant.parse("2025-03-01T10:15:30.123456Z"));
        store = new ModelStore(db.dataSource(), root, clock);
        model = Model.newInstance("tiny");
    }

    @AfterEach
    void closeModel() {
        model.close();
    }

    @Test
    void aModelRoundTripsThroughIndexAndDisk() throws Exception {
        ModelRecord started = store.startTraining(SERIES, 20, "tiny");
        assertEquals(ModelStatus.TRAINING, started.status());
        assertEquals(1, started.version());
        assertEquals("models/" + SERIES + "/20/" + started.id(), started.relativePath());
        assertEquals(clock.instant(), started.createdAt());
        assertTrue(started.metadata().isEmpty());
        assertEquals(Optional.empty(), store.findLatestReady(SERIES, 20), "a TRAINING model is not offered");

        clock.advance(Duration.ofMinutes(5));
        ModelMetadata metadata = StoredModelFixtures.metadata(TinyPoseBlock.config(4), clock.instant(), 1.4);
        ModelRecord ready = store.complete(started.id(), metadata, StoredModelFixtures.trainedBlock(model));
        assertEquals(ModelStatus.READY, ready.status());
        assertEquals(metadata, ready.readyMetadata(), "metadata intact through jsonb");
        assertEquals(started.createdAt(), ready.createdAt());
        assertEquals(clock.instant(), ready.updatedAt());

        Path folder = root.resolve(ready.relativePath());
        assertTrue(Files.size(folder.resolve(ModelFiles.PARAMETERS)) > 0);
        assertEquals(metadata, store.readMetadata(ready), "metadata intact on disk");
        try (Stream<Path> siblings = Files.list(folder.getParent())) {
            assertEquals(List.of(folder), siblings.toList(), "no partial folder left behind");
        }
        assertEquals(Optional.of(ready), store.findLatestReady(SERIES, 20));
        assertEquals(Optional.of(ready), store.find(ready.id()));
        assertTrue(store.list(SERIES).contains(ready));
        assertEquals(List.of(1.4, 0.008), indexedMetrics(ready.id()));
        // the parameters reload into a block of the same architecture
        try (Model other = Model.newInstance("reloaded")) {
            Block reloaded = TinyPoseBlock.fromConfig(ready.readyMetadata().networkConfig());
            store.loadParameters(ready, reloaded, other.getNDManager());
            assertTrue(reloaded.isInitialized());
        }
    }

    @Test
    void versionsCountPerSeriesLevelAndPresetAndTheLatestReadyWins() throws Exception {
        ModelRecord first = store.register(SERIES, 21, "tiny", StoredModelFixtures.metadata("tiny channels=4", clock.instant(), 2.0), StoredModelFixtures.trainedBlock(model));
        clock.advance(Duration.ofHours(1));
        ModelRecord second = store.register(SERIES, 21, "tiny", StoredModelFixtures.metadata("tiny channels=4", clock.instant(), 1.5), StoredModelFixtures.trainedBlock(model));
        clock.advance(Duration.ofHours(1));
        ModelRecord otherPreset = store.startTraining(SERIES, 21, "other");
        assertEquals(1, first.version());
        assertEquals(2, second.version());
        assertEquals(1, otherPreset.version());
        assertEquals(Optional.of(second), store.findLatestReady(SERIES, 21), "the unfinished newer model is not offered");
        assertTrue(store.list(SERIES).containsAll(List.of(first, second, otherPreset)));
        assertEquals(Optional.empty(), store.findLatestReady(SERIES, 5));
    }

    @Test
    void stateChangesHappenOnlyFromTraining() throws Exception {
        ModelRecord m = store.startTraining(SERIES, 22, "tiny");
        assertTrue(store.fail(m.id(), "loss diverged"));
        ModelRecord failed = store.find(m.id()).orElseThrow();
        assertEquals(ModelStatus.FAILED, failed.status());
        assertEquals(Optional.of("loss diverged"), failed.statusReason());
        assertFalse(store.fail(m.id(), "again"));
        assertThrows(IllegalStateException.class,
                () -> store.complete(m.id(), StoredModelFixtures.metadata("tiny channels=4", clock.instant(), 1), StoredModelFixtures.trainedBlock(model)));
        assertFalse(Files.exists(root.resolve(m.relativePath())), "a failed model keeps no files");
        assertThrows(IllegalStateException.class, failed::readyMetadata);

        ModelRecord ready = store.register(SERIES, 22, "tiny", StoredModelFixtures.metadata("tiny channels=4", clock.instant(), 1), StoredModelFixtures.trainedBlock(model));
        assertFalse(store.fail(ready.id(), "too late"));
        assertEquals(ModelStatus.READY, store.find(ready.id()).orElseThrow().status());
    }

    @Test
    void modelsBelongToKnownSeriesAndSafeNames() throws Exception {
        SQLException unknown = assertThrows(SQLException.class, () -> store.startTraining("1.2.3.999", 20, "tiny"));
        assertEquals("23503", unknown.getSQLState(), "foreign key to series");
        assertThrows(IllegalArgumentException.class, () -> store.startTraining("../../etc", 20, "tiny"));
        assertThrows(IllegalArgumentException.class, () -> store.startTraining(SERIES, 0, "tiny"));
        assertThrows(IllegalArgumentException.class, () -> store.startTraining(SERIES, 20, "a/b"));
        assertThrows(IllegalArgumentException.class, () -> store.files().directory("../outside"));
    }

    private static List<Double> indexedMetrics(long id) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("select validation_mtre_mm, validation_mae from pose_model where id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next());
                return List.of(r.getDouble(1), r.getDouble(2));
            }
        }
    }
}
