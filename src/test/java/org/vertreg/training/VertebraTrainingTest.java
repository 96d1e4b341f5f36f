package org.vertreg.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.drr.SimulatedXrays;
import org.vertreg.geometry.Pose;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.SpinePhantom;
import org.vertreg.imaging.VertebraCrop;
import org.vertreg.model.network.LgffRegConfig;
import org.vertreg.model.network.PoseNetworks;
import org.vertreg.model.prediction.PosePredictor;
import org.vertreg.model.store.ModelRecord;
import org.vertreg.model.store.ModelStatus;
import org.vertreg.model.store.ModelStore;
import org.vertreg.model.store.ModelWriter;
import org.vertreg.model.store.TestDatabase;
import org.vertreg.model.training.TrainingConfig;

/** The recipe the job queue calls: a phantom vertebra's model trained straight into a store row that becomes READY. */
class VertebraTrainingTest {
    static final String SERIES = "1.2.826.0.1.3680043.9.7777.42";
    /** The store's timestamps: fixed, so that no row depends on when the test ran. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aTrainedModelCompletesItsStoreRowAndPredictsFromIt() throws Exception {
        SpinePhantom phantom = SpinePhantom.create();
        CroppedVertebra crop = VertebraCrop.byLabel(phantom.volume(), phantom.labels(), SpinePhantom.MIDDLE_LABEL);
        LgffRegConfig network = LgffRegConfig.preset("fast");
        TrainingConfig training = TrainingConfig.defaults(network.auxiliaryLossWeights()).withEpochs(1).withBatchSize(8)
                .withComputeThreads(1).withProgress(false);
        VertebraTraining.Plan plan = new VertebraTraining.Plan(network, training, 16, 4, true, false);
        try (TestDatabase db = new TestDatabase()) {
            db.addSeries(SERIES);
            ModelStore store = new ModelStore(db.dataSource(), dir.resolve("models"), CLOCK);
            ModelRecord started = store.startTraining(SERIES, SpinePhantom.MIDDLE_LABEL, network.name());
            VertebraTraining.Outcome outcome = VertebraTraining.train(crop, plan, dir.resolve("work"), ModelWriter.completing(store, started.id()));

            ModelRecord ready = store.find(started.id()).orElseThrow();
            assertEquals(ModelStatus.READY, ready.status());
            assertEquals(ready, store.findLatestReady(SERIES, SpinePhantom.MIDDLE_LABEL).orElseThrow());
            assertEquals(outcome.metadata().validation(), store.readMetadata(ready).validation());
            assertEquals(4, outcome.validation().samples());
            assertTrue(outcome.validation().mTreMm() > 0 && outcome.validationMedianTreMm() > 0);
            assertEquals(network.toString(), store.readMetadata(ready).networkConfig());

            SimulatedXrays xrays = SimulatedXrays.around(crop.vertebraAlone(), crop.centroid());
            try (PosePredictor predictor = PosePredictor.load(store, ready, PoseNetworks::fromConfigText, 1)) {
                double[] p = predictor.predictNormalised(xrays.drr(Pose.identity()));
                assertEquals(6, p.length);
                for (double v : p) {
                    assertTrue(Double.isFinite(v));
                }
            }
        }
    }
}
