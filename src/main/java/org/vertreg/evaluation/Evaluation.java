package org.vertreg.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.vertreg.drr.SimulatedXrays;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.PoseSampler;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.registration.PoseEstimator;
import org.vertreg.registration.RegistrationMetrics;
import org.vertreg.registration.TargetPoints;
import org.vertreg.registration.VertebraRegistration;

/**
 * The evaluation protocol (DESIGN.md §4) for one case: crop the vertebra, draw the test poses, make each X-ray as
 * training does ({@link SimulatedXrays}, low-dose from the pose's auxiliary seed), let the estimator register it and
 * score the answer. Registrations run one after another so that their wall times are not disturbed by each other.
 */
public final class Evaluation {
    private final EvaluationProtocol protocol;

    public Evaluation(EvaluationProtocol protocol) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
    }

    public EvaluationProtocol protocol() {
        return protocol;
    }

    /** The test poses, in order: the same for every case and estimator. */
    public PoseSampler sampler() {
        return new PoseSampler(protocol.seed(), PoseSampler.Purpose.EVALUATION);
    }

    public CaseTrials run(EvaluationCase testCase, PoseEstimator estimator) {
        Objects.requireNonNull(estimator, "estimator");
        return run(testCase, xrays -> estimator);
    }

    /**
     * Runs the estimator {@code estimators} makes for this case from the case's own X-ray simulator (what refinement
     * renders its DRRs with).
     */
    public CaseTrials run(EvaluationCase testCase, Function<SimulatedXrays, PoseEstimator> estimators) {
        return trials(testCase, (xrays, metrics) -> {
            PoseEstimator estimator = Objects.requireNonNull(estimators.apply(xrays), "estimator");
            return (i, truth, grey) -> {
                long start = System.nanoTime();
                Pose estimate = estimator.estimate(grey, xrays.carm());
                double ms = (System.nanoTime() - start) / 1e6;
                if (estimate == null) {
                    throw new IllegalStateException("the estimator gave no pose for test pose " + i + " of " + testCase.name());
                }
                return new RegistrationTrial(i, truth, estimate, metrics.error(estimate, truth), ms);
            };
        });
    }

    /**
     * Runs the two-stage registration {@code registrations} makes for this case (refinement renders its DRRs with the
     * case's own X-ray simulator), keeping each stage's pose, time and the result's quality.
     */
    public CaseTrials runRegistration(EvaluationCase testCase, Function<SimulatedXrays, VertebraRegistration> registrations) {
        return trials(testCase, (xrays, metrics) -> {
            VertebraRegistration registration = Objects.requireNonNull(registrations.apply(xrays), "registration");
            return (i, truth, grey) -> {
                VertebraRegistration.Outcome o = registration.register(grey, xrays.carm());
                RegistrationTrial.Stages stages = new RegistrationTrial.Stages(o.first(), metrics.error(o.first(), truth), o.firstMs(),
                        o.refineMs(), o.quality(), new RegistrationTrial.FirstRefinement(metrics.error(o.firstRefinement().pose(), truth),
                        o.firstQuality()));
                return new RegistrationTrial(i, truth, o.refined(), metrics.error(o.refined(), truth), o.firstMs() + o.refineMs(), stages);
            };
        });
    }

    /** Registers one test X-ray. */
    @FunctionalInterface
    private interface Trial {
        RegistrationTrial run(int index, Pose truth, float[] grey);
    }

    private CaseTrials trials(EvaluationCase testCase, BiFunction<SimulatedXrays, RegistrationMetrics, Trial> trialMaker) {
        CroppedVertebra crop = testCase.crop();
        CarmGeometry carm = CarmGeometry.defaults(crop.centroid());
        SimulatedXrays xrays = SimulatedXrays.of(testCase.anatomy(), testCase.projected(crop), crop.centroid(), carm);
        RegistrationMetrics metrics = new RegistrationMetrics(TargetPoints.of(crop), crop.centroid(), carm);
        Trial trial = trialMaker.apply(xrays, metrics);
        PoseSampler sampler = sampler();
        List<RegistrationTrial> trials = new ArrayList<>(protocol.poses());
        for (int i = 0; i < protocol.poses(); i++) {
            Pose truth = sampler.pose(i);
            float[] grey = protocol.lowDose() ? xrays.lowDose(truth, sampler.auxiliarySeed(i)) : xrays.drr(truth);
            trials.add(trial.run(i, truth, grey));
        }
        return new CaseTrials(testCase.name(), testCase.vertebra(), trials);
    }
}
