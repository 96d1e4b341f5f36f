package org.vertreg.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.PoseError;
import org.vertreg.registration.QualityModel;
import org.vertreg.registration.RegistrationError;
import org.vertreg.registration.RegistrationQuality;

class QualityCalibrationTest {

    /** A trial with the given mTRE and quality features, its quality scored by {@code model}. */
    private static RegistrationTrial trial(int i, double mTre, double similarity, double disagreement, QualityModel model) {
        return trial(i, mTre, similarity, disagreement, 10, model);
    }

    private static RegistrationTrial trial(int i, double mTre, double similarity, double disagreement, double noise, QualityModel model) {
        RegistrationError error = new RegistrationError(mTre, mTre / 5, mTre / 20, new PoseError(0, 0, 0, 0, mTre, 0, 0, mTre));
        RegistrationQuality q = model.assess(similarity, disagreement, noise);
        return new RegistrationTrial(i, Pose.identity(), Pose.identity(), error, 10,
                new RegistrationTrial.Stages(Pose.identity(), error, 2, 8, q));
    }

    /**
     * Successes with high similarity and small disagreement, failures below, gross failures far below; the X-ray's noise
     * lowers every similarity, so that only the two together tell good from bad.
     */
    private static List<CaseTrials> runs(QualityModel model) {
        SplittableRandom random = new SplittableRandom(7);
        List<RegistrationTrial> trials = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            double u = random.nextDouble();
            double mTre = u < 0.85 ? random.nextDouble(0.1, 1.9) : u < 0.95 ? random.nextDouble(2.1, 9) : random.nextDouble(11, 30);
            double noise = random.nextDouble(5, 25);
            double similarity = 0.98 - 0.01 * noise - 0.01 * mTre + random.nextGaussian() * 0.01;
            double disagreement = 3 + 0.4 * mTre + Math.abs(random.nextGaussian());
            trials.add(trial(i, mTre, similarity, disagreement, noise, model));
        }
        return List.of(new CaseTrials("synthetic", "1", trials));
    }

    @Test
    void theFittedScoreFlagsEveryGrossFailureAndFewSuccesses() {
        QualityModel fitted = QualityCalibration.fit(runs(new QualityModel(0, 0, 0, 0, 0.5)));
        assertTrue(fitted.perSimilarity() > 0, "more similar, more likely a success: " + fitted);
        assertTrue(fitted.perDisagreementMm() < 0, "more disagreement, less likely a success: " + fitted);
        assertTrue(fitted.perNoiseSigma() > 0, "the same similarity from a noisier X-ray is the better result: " + fitted);

        QualitySeparation separation = QualitySeparation.of(runs(fitted));
        assertEquals(separation.grossFailures(), separation.grossFailuresFlagged(), separation.toText());
        assertTrue(separation.grossFailures() > 0);
        assertTrue(separation.successesFlagged() <= 0.05 * separation.successes() + 1e-9, separation.toText());
        assertTrue(separation.failuresFlagged() > separation.failures() / 2, separation.toText());
    }

    @Test
    void fittingNeedsBothOutcomes() {
        QualityModel any = new QualityModel(0, 0, 0, 0, 0.5);
        List<RegistrationTrial> successes = List.of(trial(0, 0.5, 0.9, 1, any), trial(1, 0.7, 0.8, 2, any));
        assertThrows(IllegalArgumentException.class, () -> QualityCalibration.fit(List.of(new CaseTrials("c", "1", successes))));
    }

    @Test
    void separationCountsFlagsByOutcome() {
        QualityModel flagsLowSimilarity = new QualityModel(-50, 100, 0, 0, 0.5); // low confidence below similarity 0.5
        List<RegistrationTrial> trials = List.of(trial(0, 0.5, 0.9, 0, flagsLowSimilarity), trial(1, 1.0, 0.3, 0, flagsLowSimilarity),
                trial(2, 5, 0.2, 0, flagsLowSimilarity), trial(3, 20, 0.1, 0, flagsLowSimilarity), trial(4, 25, 0.8, 0, flagsLowSimilarity));
        QualitySeparation s = QualitySeparation.of(List.of(new CaseTrials("c", "1", trials)));
        assertEquals(new QualitySeparation(3, 2, 2, 1, 2, 1), s);
        assertTrue(s.toText().contains("flags 2 of 3 failures"), s.toText());
    }

    /**
     * Where the first refinement was kept, the fit learns from it: final results all successes (restarts rescued every
     * failure) still fit, on the first results' successes and failures, a model whose similarity weight is positive.
     */
    @Test
    void fitsTheFirstRefinementWhereKept() {
        QualityModel any = new QualityModel(0, 0, 0, 0, 0.5);
        List<CaseTrials> runs = runs(any);
        List<RegistrationTrial> rescued = new ArrayList<>();
        RegistrationError good = new RegistrationError(0.5, 0.1, 0.01, new PoseError(0, 0, 0, 0, 0.5, 0, 0, 0.5));
        for (RegistrationTrial t : runs.get(0).trials()) {
            RegistrationTrial.Stages s = t.stages();
            rescued.add(new RegistrationTrial(t.index(), t.truth(), t.estimate(), good, t.timeMs(), new RegistrationTrial.Stages(s.first(),
                    s.firstError(), s.firstMs(), s.refineMs(), any.assess(0.99, 1, 10), new RegistrationTrial.FirstRefinement(t.error(), s.quality()))));
        }
        List<CaseTrials> afterRestarts = List.of(new CaseTrials("synthetic", "1", rescued));
        QualityModel fitted = QualityCalibration.fit(afterRestarts);
        assertEquals(QualityCalibration.fit(runs), fitted, "the same fit as on the first results themselves");
        assertTrue(fitted.perSimilarity() > 0, fitted.toString());
    }
}
