package org.vertreg.registration;

import java.util.Objects;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Pose;

/**
 * One X-ray registered: the first estimate (the network's), refined against DRRs of the CT, and the result's quality.
 * Each stage is timed, since the refinement is where the time goes.
 */
public final class VertebraRegistration {

    /** What a registration gives back: both poses, the refinement's similarity, the quality and the stage times. */
    public record Outcome(Pose first, Pose refined, IntensityRefinement.Result refinement, RegistrationQuality quality, double firstMs,
                          double refineMs) {
    }

    private final PoseEstimator first;
    private final IntensityRefinement refinement;
    private final QualityModel quality;

    public VertebraRegistration(PoseEstimator first, IntensityRefinement refinement, QualityModel quality) {
        this.first = Objects.requireNonNull(first, "first");
        this.refinement = Objects.requireNonNull(refinement, "refinement");
        this.quality = Objects.requireNonNull(quality, "quality");
    }

    /**
     * @param grey the X-ray on the refinement's detector (grey 0–255, bone bright, row-major)
     * @param carm the C-arm the first estimator is given (the model's detector for the network)
     */
    public Outcome register(float[] grey, CarmGeometry carm) {
        long t0 = System.nanoTime();
        Pose start = first.estimate(grey, carm);
        long t1 = System.nanoTime();
        IntensityRefinement.Result refined = refinement.refine(grey, start);
        long t2 = System.nanoTime();
        RegistrationQuality q = quality.assess(refined.similarity(), PoseDisagreement.mm(start, refined.pose()));
        return new Outcome(start, refined.pose(), refined, q, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
    }
}
