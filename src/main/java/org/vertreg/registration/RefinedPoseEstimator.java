package org.vertreg.registration;

import java.util.Objects;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Pose;

/** A first estimate (the network's, or a fixed start) finished by {@link IntensityRefinement}. */
public final class RefinedPoseEstimator implements PoseEstimator {
    private final PoseEstimator first;
    private final IntensityRefinement refinement;

    public RefinedPoseEstimator(PoseEstimator first, IntensityRefinement refinement) {
        this.first = Objects.requireNonNull(first, "first");
        this.refinement = Objects.requireNonNull(refinement, "refinement");
    }

    /** Optimisation only: refinement from the reference pose (the identity), as the paper's OPT baselines do. */
    public static RefinedPoseEstimator fromReferencePose(IntensityRefinement refinement) {
        return new RefinedPoseEstimator((grey, carm) -> Pose.identity(), refinement);
    }

    @Override
    public Pose estimate(float[] grey, CarmGeometry carm) {
        return refinement.refine(grey, first.estimate(grey, carm)).pose();
    }
}
