package org.vertreg.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.drr.SimulatedXrays;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.PoseSampler;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.ProjectedAnatomy;
import org.vertreg.imaging.SpinePhantom;
import org.vertreg.imaging.VertebraCrop;
import org.vertreg.model.network.LgffRegConfig;
import org.vertreg.model.network.PoseNetworks;
import org.vertreg.model.store.ModelFiles;
import org.vertreg.model.store.ModelMetadata;
import org.vertreg.model.prediction.PosePredictor;
import org.vertreg.model.store.ModelRecord;
import org.vertreg.model.store.ModelStatus;
import org.vertreg.model.store.ModelStore;
import org.vertreg.model.store.ModelWriter;
import org.vertreg.model.store.TestDatabase;

/**
 * The recipe the job queue calls: a phantom vertebra's model trained straight into a store row that becomes READY; and
 * training on X-rays of the whole CT.
 */
class VertebraTrainingTest {
    static final String SERIES = "1.2.826.0.1.3680043.9.7777.42";
    /** The store's timestamps: fixed, so that no row depends on when the test ran. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** One epoch of the fast network in batches of 8 on one thread, low-dose images of the vertebra alone. */
    private static VertebraTraining.Plan oneEpoch(int trainingSamples, int validationSamples) {
        LgffRegConfig network = LgffRegConfig.preset("fast");
        TrainingConfig training = TrainingConfig.defaults(network.auxiliaryLossWeights()).withEpochs(1).withBatchSize(8)
                .withComputeThreads(1).withProgress(false);
        return new VertebraTraining.Plan(network, training, trainingSamples, validationSamples, true, false);
    }

    @Test
    void aTrainedModelCompletesItsStoreRowAndPredictsFromIt() throws Exception {
        SpinePhantom phantom = SpinePhantom.create();
        CroppedVertebra crop = VertebraCrop.byLabel(phantom.volume(), phantom.labels(), SpinePhantom.MIDDLE_LABEL);
        VertebraTraining.Plan plan = oneEpoch(16, 4);
        try (TestDatabase db = new TestDatabase()) {
            db.addSeries(SERIES);
            ModelStore store = new ModelStore(db.dataSource(), dir.resolve("models"), CLOCK);
            ModelRecord started = store.startTraining(SERIES, SpinePhantom.MIDDLE_LABEL, plan.network().name());
            VertebraTraining.Outcome outcome = VertebraTraining.train(phantom.volume(), crop, plan, dir.resolve("work"),
                    ModelWriter.completing(store, started.id()));

            ModelRecord ready = store.find(started.id()).orElseThrow();
            assertEquals(ModelStatus.READY, ready.status());
            assertEquals(ready, store.findLatestReady(SERIES, SpinePhantom.MIDDLE_LABEL).orElseThrow());
            assertEquals(outcome.metadata().validation(), store.readMetadata(ready).validation());
            assertEquals(4, outcome.validation().samples());
            assertTrue(outcome.validation().mTreMm() > 0 && outcome.validationMedianTreMm() > 0);
            assertEquals(plan.network().toString(), store.readMetadata(ready).networkConfig());
            assertEquals(ModelMetadata.VERTEBRA_ALONE, ready.readyMetadata().projectedAnatomy());
            assertTrue(ready.readyMetadata().trainingConfig().endsWith(" anatomy=vertebra-alone"), ready.readyMetadata().trainingConfig());

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

    @Test
    void wholeCtSamplesShowTheNeighboursAndVertebraAloneSamplesDoNot() {
        SpinePhantom phantom = SpinePhantom.create();
        CroppedVertebra crop = VertebraCrop.byLabel(phantom.volume(), phantom.labels(), SpinePhantom.MIDDLE_LABEL);
        SimulatedXrays alone = VertebraTraining.xrays(phantom.volume(), crop, ProjectedAnatomy.VERTEBRA_ALONE);
        SimulatedXrays whole = VertebraTraining.xrays(phantom.volume(), crop, ProjectedAnatomy.WHOLE_CT);
        DrrPoseSamples.Options options = DrrPoseSamples.Options.of(3, 5, PoseSampler.Purpose.TRAINING);
        for (int i = 0; i < options.count(); i++) {
            // The target's shadow: where its DRR at the sample's pose is not black, widened to its bounding box.
            DrrPoseSamples aloneSamples = new DrrPoseSamples(alone, options);
            boolean[] outside = outsideBox(alone.drr(aloneSamples.pose(i)), alone.columns(), alone.rows());
            for (boolean lowDose : new boolean[] {false, true}) {
                double aloneOutside = meanWhere(sample(new DrrPoseSamples(alone, options.withLowDose(lowDose)), i), outside);
                double wholeOutside = meanWhere(sample(new DrrPoseSamples(whole, options.withLowDose(lowDose)), i), outside);
                if (!lowDose) {
                    assertEquals(0, aloneOutside, "the vertebra alone is on black");
                }
                // the same pose and low-dose draw: only the neighbours and soft tissue tell the two apart
                assertTrue(wholeOutside > aloneOutside + 30, "sample " + i + (lowDose ? " low-dose" : "") + ": grey outside the target's box "
                        + wholeOutside + " (whole CT) against " + aloneOutside + " (vertebra alone)");
            }
        }
    }

    @Test
    void aWholeCtModelSaysSoInItsMetadataAndItsWorkFolderRefusesTheOtherAnatomy() throws Exception {
        SpinePhantom phantom = SpinePhantom.create();
        CroppedVertebra crop = VertebraCrop.byLabel(phantom.volume(), phantom.labels(), SpinePhantom.MIDDLE_LABEL);
        VertebraTraining.Plan plan = oneEpoch(8, 2).withAnatomy(ProjectedAnatomy.WHOLE_CT);
        Path work = dir.resolve("work");
        VertebraTraining.Outcome outcome = VertebraTraining.train(phantom.volume(), crop, plan, work, ModelWriter.toFolder(dir.resolve("model")));

        ModelMetadata written = ModelFiles.readMetadataIn(dir.resolve("model"));
        assertEquals("whole-ct", written.projectedAnatomy());
        assertEquals(outcome.metadata(), written);
        assertTrue(written.trainingConfig().endsWith(" anatomy=whole-ct"), written.trainingConfig());

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> VertebraTraining.train(phantom.volume(), crop,
                plan.withAnatomy(ProjectedAnatomy.VERTEBRA_ALONE), work, ModelWriter.toFolder(dir.resolve("other"))));
        assertTrue(refused.getMessage().contains("whole-ct images, not vertebra-alone"), refused.getMessage());
    }

    private static float[] sample(DrrPoseSamples samples, int index) {
        float[] image = new float[samples.columns() * samples.rows()];
        samples.fill(index, image, new float[6]);
        return image;
    }

    private static boolean[] outsideBox(float[] grey, int columns, int rows) {
        int c0 = columns, c1 = -1, r0 = rows, r1 = -1;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                if (grey[r * columns + c] > 0) {
                    c0 = Math.min(c0, c);
                    c1 = Math.max(c1, c);
                    r0 = Math.min(r0, r);
                    r1 = Math.max(r1, r);
                }
            }
        }
        boolean[] outside = new boolean[grey.length];
        int count = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                outside[r * columns + c] = c < c0 || c > c1 || r < r0 || r > r1;
                count += outside[r * columns + c] ? 1 : 0;
            }
        }
        assertTrue(count > grey.length / 10, "the target leaves room around it: " + count + " pixels outside its box");
        return outside;
    }

    private static double meanWhere(float[] grey, boolean[] where) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < grey.length; i++) {
            if (where[i]) {
                sum += grey[i];
                n++;
            }
        }
        return sum / n;
    }
}
