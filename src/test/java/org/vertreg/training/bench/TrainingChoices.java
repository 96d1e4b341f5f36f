package org.vertreg.training.bench;

import java.util.Locale;
import org.vertreg.geometry.PoseSampler.Purpose;
import org.vertreg.training.LearningRateSchedule;
import org.vertreg.training.PoseSamples;
import org.vertreg.training.TinyPoseNet;
import org.vertreg.training.TrainingConfig;
import org.vertreg.training.CachedPoseSamples;
import org.vertreg.training.DrrPoseSamples;
import org.vertreg.training.MeanPoseBaseline;
import org.vertreg.training.PhantomXrays;

/**
 * Measures two training choices on the phantom vertebra with the small test network, at an equal number of steps:
 * constant learning rate against warm-up + cosine, and a fixed sample set against fresh poses every epoch.
 * Arguments: samples per epoch (1024), epochs (12), peak learning rate (1e-3). One compute thread, so that the numbers
 * do not depend on the machine. Not a test: run by hand, see bench/TRAINING.md.
 */
public final class TrainingChoices {

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        double rate = args.length > 2 ? Double.parseDouble(args[2]) : 1e-3;
        PoseSamples validation = CachedPoseSamples.inMemory(PhantomXrays.samples(256, 1, Purpose.VALIDATION, true));
        DrrPoseSamples fixedSource = PhantomXrays.samples(count, 1, Purpose.TRAINING, true);
        PoseSamples fixed = CachedPoseSamples.inMemory(fixedSource);
        PoseSamples fresh = new DrrPoseSamples(PhantomXrays.get(), fixedSource.options().withRefreshEachEpoch(true));
        System.out.printf(Locale.ROOT, "predicting the training mean pose: validation MAE %.4f%n", MeanPoseBaseline.mae(fixed, validation));
        int stepsPerEpoch = count / 16;
        TrainingConfig base = TrainingConfig.defaults().withEpochs(epochs).withBatchSize(16).withProgress(false).withLoaderThreads(2)
                .withComputeThreads(1);
        LearningRateSchedule constant = LearningRateSchedule.constant(rate);
        LearningRateSchedule cosine = LearningRateSchedule.warmupCosine(rate, stepsPerEpoch);
        TrainingThroughput.train(() -> new TinyPoseNet(false), base.withSchedule(constant), fixed, validation, "fixed, constant");
        TrainingThroughput.train(() -> new TinyPoseNet(false), base.withSchedule(cosine), fixed, validation, "fixed, warm-up+cosine");
        TrainingThroughput.train(() -> new TinyPoseNet(false), base.withSchedule(constant), fresh, validation, "fresh, constant");
        TrainingThroughput.train(() -> new TinyPoseNet(false), base.withSchedule(cosine), fresh, validation, "fresh, warm-up+cosine");
    }
}
