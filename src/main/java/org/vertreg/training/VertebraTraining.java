package org.vertreg.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import org.vertreg.drr.SimulatedXrays;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.PoseSampler;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.ProjectedAnatomy;
import org.vertreg.imaging.Volume;
import org.vertreg.model.network.LgffRegConfig;
import org.vertreg.model.network.LgffRegNetwork;
import org.vertreg.model.store.DetectorGeometry;
import org.vertreg.model.store.ModelMetadata;
import org.vertreg.model.store.ModelWriter;
import org.vertreg.model.store.ValidationMetrics;
import org.vertreg.registration.RegistrationMetrics;
import org.vertreg.registration.TargetPoints;

/**
 * Makes one vertebra's pose model, the whole way: simulated X-rays at training and validation poses (of the vertebra
 * alone, or of the whole CT moved with it: {@link ProjectedAnatomy}), the network trained on them, its validation scored
 * in mm as the evaluation does, and the model folder ({@code model.params}, {@code metadata.json}) written. Whatever
 * makes a model (today the {@code train} command) is to call this, so that a model means the same whichever made it.
 */
public final class VertebraTraining {

    static final String TRAINING_SAMPLES_FILE = "training-samples.bin";
    static final String ANATOMY_FILE = "projected-anatomy";

    /*
     * The recipe measured best per CPU-hour on the shared CTs (bench/README.md): the fast preset, batches of 32,
     * Adam(W) peaking at 3e-4 after 200 warm-up steps and then a cosine over the epochs or the time budget. The
     * paper's constant 6e-5 with batches of 16 is its GPU recipe for 320 full epochs.
     */
    public static final String RECOMMENDED_PRESET = "fast";
    public static final int RECOMMENDED_BATCH = 32;
    public static final double RECOMMENDED_PEAK_RATE = 3e-4;
    public static final int RECOMMENDED_WARMUP_STEPS = 200;
    public static final int RECOMMENDED_TRAINING_SAMPLES = 9000;
    public static final int RECOMMENDED_VALIDATION_SAMPLES = 1000;

    /**
     * @param network           the network's shape
     * @param training          how it is trained (its seed also seeds the sample streams)
     * @param trainingSamples   training images per epoch (the paper: 9 000)
     * @param validationSamples validation images (the paper: 1 000 test images)
     * @param lowDose           degrade the DRRs to simulated low-dose X-rays, as the method does
     * @param refreshEachEpoch  fresh training poses every epoch instead of the same set (no cache then)
     * @param anatomy           what the training and validation images show
     */
    public record Plan(LgffRegConfig network, TrainingConfig training, int trainingSamples, int validationSamples, boolean lowDose,
            boolean refreshEachEpoch, ProjectedAnatomy anatomy) {

        public Plan {
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(training, "training");
            Objects.requireNonNull(anatomy, "anatomy");
            if (trainingSamples < training.batchSize() || validationSamples < 1) {
                throw new IllegalArgumentException("need at least one batch of training samples and one validation sample: " + trainingSamples
                        + ", " + validationSamples);
            }
        }

        /**
         * The recommended recipe ({@link #RECOMMENDED_PRESET}'s constants) for the given network preset, training time,
         * training and validation images and anatomy: what the node trains for each prepared vertebra.
         */
        public static Plan recommended(String preset, java.time.Duration budget, int trainingSamples, int validationSamples,
                ProjectedAnatomy anatomy) {
            LgffRegConfig network = LgffRegConfig.preset(preset);
            TrainingConfig training = TrainingConfig.defaults(network.auxiliaryLossWeights())
                    .withSchedule(org.vertreg.training.LearningRateSchedule.warmupCosine(RECOMMENDED_PEAK_RATE, RECOMMENDED_WARMUP_STEPS))
                    .withBatchSize(RECOMMENDED_BATCH).withTimeBudget(budget);
            return new Plan(network, training, trainingSamples, validationSamples, true, false, anatomy);
        }

        /** The same plan stopping after {@code n} epochs at most. */
        public Plan withEpochs(int n) {
            return new Plan(network, training.withEpochs(n), trainingSamples, validationSamples, lowDose, refreshEachEpoch, anatomy);
        }

        /** The paper's protocol: images of the vertebra alone. */
        public Plan(LgffRegConfig network, TrainingConfig training, int trainingSamples, int validationSamples, boolean lowDose,
                boolean refreshEachEpoch) {
            this(network, training, trainingSamples, validationSamples, lowDose, refreshEachEpoch, ProjectedAnatomy.VERTEBRA_ALONE);
        }

        /** The same plan with images of {@code other}. */
        public Plan withAnatomy(ProjectedAnatomy other) {
            return new Plan(network, training, trainingSamples, validationSamples, lowDose, refreshEachEpoch, other);
        }

        /** Text recorded as the model's training configuration. */
        String describe() {
            return training + " trainingSamples=" + trainingSamples + " validationSamples=" + validationSamples + " lowDose=" + lowDose
                    + " refreshEachEpoch=" + refreshEachEpoch + " anatomy=" + anatomy.label();
        }
    }

    /** What came out: the run's figures, the validation in mm, and the metadata written with the model. */
    public record Outcome(TrainingResult result, ValidationMetrics validation, double validationMedianTreMm, ModelMetadata metadata) {
    }

    private VertebraTraining() {
    }

    /**
     * @param ct             the whole CT the vertebra was cropped from (projected when the plan asks for the whole CT)
     * @param crop           the vertebra, with its labels (its centroid is the centre of the poses; the vertebra alone is
     *                       projected when the plan asks for it; its label voxels are the validation's target points)
     * @param workDirectory  checkpoints, the sample cache, {@code training.csv} and {@code training.png}; a run started
     *                       again on the same folder and plan resumes
     * @param output         where the model goes: {@link ModelWriter#toFolder} or {@link ModelWriter#completing} a store's row
     */
    public static Outcome train(Volume ct, CroppedVertebra crop, Plan plan, Path workDirectory, ModelWriter output) throws IOException {
        claimFor(workDirectory, plan.anatomy());
        SimulatedXrays xrays = xrays(ct, crop, plan.anatomy());
        long seed = plan.training().seed();
        DrrPoseSamples trainingSource = new DrrPoseSamples(xrays, new DrrPoseSamples.Options(plan.trainingSamples(), seed,
                PoseSampler.Purpose.TRAINING, plan.lowDose(), plan.refreshEachEpoch()));
        // A fixed training set is rendered once (8-bit, on disk, reused on resume); fresh poses are rendered as they train.
        PoseSamples training = plan.refreshEachEpoch() ? trainingSource
                : CachedPoseSamples.onDisk(trainingSource, workDirectory.resolve(TRAINING_SAMPLES_FILE));
        DrrPoseSamples validationSource = new DrrPoseSamples(xrays, new DrrPoseSamples.Options(plan.validationSamples(), seed,
                PoseSampler.Purpose.VALIDATION, plan.lowDose(), false));
        PoseSamples validation = CachedPoseSamples.inMemory(validationSource);

        try (PoseTrainer trainer = new PoseTrainer(() -> LgffRegNetwork.create(plan.network()), plan.training(), workDirectory)) {
            TrainingResult result = trainer.train(training, validation);
            double[] tre = validationTre(crop, xrays, validationSource, SamplePredictions.of(trainer.block(), validation, 32));
            double mean = 0;
            for (double t : tre) {
                mean += t / tre.length;
            }
            java.util.Arrays.sort(tre);
            double median = tre[tre.length / 2];
            ValidationMetrics metrics = new ValidationMetrics(validation.size(), mean, result.bestValidationMae());
            ModelMetadata metadata = new ModelMetadata(DetectorGeometry.of(xrays.carm()), xrays.mapping().describe(), plan.anatomy().label(),
                    plan.network().name(), plan.network().toString(), plan.describe(), seed, metrics, softwareVersion(), Instant.now());
            output.write(metadata, trainer.block());
            return new Outcome(result, metrics, median, metadata);
        }
    }

    /**
     * Records the anatomy in the work directory, or checks it against the one recorded: the checkpoint's fingerprint does
     * not know what the images showed, and a run must not resume from a network trained on the other anatomy. A directory
     * with files but no record was made before the choice existed, on the vertebra alone.
     */
    static void claimFor(Path workDirectory, ProjectedAnatomy anatomy) throws IOException {
        Files.createDirectories(workDirectory);
        Path record = workDirectory.resolve(ANATOMY_FILE);
        ProjectedAnatomy recorded;
        if (Files.exists(record)) {
            recorded = ProjectedAnatomy.fromLabel(Files.readString(record).strip());
        } else {
            try (var files = Files.list(workDirectory)) {
                recorded = files.findAny().isPresent() ? ProjectedAnatomy.VERTEBRA_ALONE : anatomy;
            }
        }
        if (recorded != anatomy) {
            throw new IllegalArgumentException(workDirectory + " holds a training on " + recorded.label() + " images, not "
                    + anatomy.label() + ": use another directory");
        }
        Files.writeString(record, anatomy.label() + "\n");
    }

    /** The training and validation images: {@code anatomy} of the CT, moved with the vertebra about its centroid. */
    static SimulatedXrays xrays(Volume ct, CroppedVertebra crop, ProjectedAnatomy anatomy) {
        return SimulatedXrays.of(anatomy, anatomy.select(ct, crop), crop.centroid(), CarmGeometry.defaults(crop.centroid()));
    }

    /** mTRE (mm) of each validation prediction, over the vertebra's target points as the evaluation scores it. */
    private static double[] validationTre(CroppedVertebra crop, SimulatedXrays xrays, DrrPoseSamples validation, double[][] predicted) {
        RegistrationMetrics metrics = new RegistrationMetrics(TargetPoints.of(crop), crop.centroid(), xrays.carm());
        double[] tre = new double[predicted.length];
        for (int i = 0; i < predicted.length; i++) {
            Pose truth = validation.pose(i);
            tre[i] = metrics.error(Pose.fromNormalised(predicted[i]), truth).mTreMm();
        }
        return tre;
    }

    static String softwareVersion() {
        String v = VertebraTraining.class.getPackage().getImplementationVersion();
        return v != null ? v : "vertreg (development build)";
    }
}
