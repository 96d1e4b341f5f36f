package org.vertreg.model.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The node's store: its data source (migrated to V2 at start), the archive root as its root, the real clock. */
@QuarkusTest
class ModelStoreWiringTest {
    private static final String SERIES = "1.2.826.0.1.3680043.9.7777.3";

    @Inject
    ModelStore store;

    @Inject
    DataSource dataSource;

    @Inject
    org.vertreg.model.prediction.WarmModels warmModels;

    @ConfigProperty(name = "vertreg.archive.root")
    String archiveRoot;

    @Test
    void theInjectedStoreIndexesInTheNodesDatabaseUnderTheArchiveRoot() throws Exception {
        assertEquals(Path.of(archiveRoot).toAbsolutePath().normalize(), store.files().root());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into patient (patient_id) values ('WIRING') on conflict do nothing");
            s.executeUpdate("insert into study (patient_pk, study_instance_uid) select id, '" + SERIES + ".1' from patient "
                    + "where patient_id = 'WIRING' on conflict do nothing");
            s.executeUpdate("insert into series (study_pk, series_instance_uid, modality, status) select id, '" + SERIES + "', 'CT', 'READY' "
                    + "from study where study_instance_uid = '" + SERIES + ".1' on conflict do nothing");
        }
        ModelRecord m = store.startTraining(SERIES, 20, "tiny");
        assertEquals(ModelStatus.TRAINING, m.status());
        assertTrue(store.fail(m.id(), "wiring test"));
        assertTrue(store.list(SERIES).stream().anyMatch(r -> r.id() == m.id() && r.status() == ModelStatus.FAILED));
    }

    @Test
    void theInjectedWarmModelsFollowTheConfiguration() {
        assertEquals(4, warmModels.capacity(), "vertreg.model.warm-models");
        assertEquals(2, warmModels.predictorsPerModel(), "vertreg.model.predictors-per-model");
        assertEquals(List.of(), warmModels.loadedIds(), "nothing is loaded before it is asked for");
    }
}
