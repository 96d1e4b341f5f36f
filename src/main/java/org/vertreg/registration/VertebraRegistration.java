package org.vertreg.registration;

import java.util.Objects;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Pose;

/**
 * One X-ray registered: the first estimate (the network's), refined against DRRs of the CT, and the result's quality.
 * A low-confidence result is refined again from starts moved along the beam, and the most similar result kept. Each
 * stage is timed, since the refinement is where the time goes.
 */
public final class VertebraRegistration {

    /**
     * What a registration gives back: both poses, the refinement's similarity, the quality and the stage times; and the
     * first refinement before any restart with the quality that decided the restarts.
     */
    public record Outcome(Pose first, Pose refined, IntensityRefinement.Result refinement, RegistrationQuality quality, double firstMs,
                          double refineMs, IntensityRefinement.Result firstRefinement, RegistrationQuality firstQuality) {
    }

    private final PoseEstimator first;
    private final IntensityRefinement refinement;
    private final QualityModel quality;
    /**
     * Starts tried again when the result is low confidence: the first estimate moved along the beam, where the network's
     * error is largest and a search most often settles on the wrong magnification.
     */
    static final double[] RESTART_DEPTHS_MM = {-6, 6};

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
        double noise = ImageNoise.sigma(grey, carm.columns(), carm.rows());
        RegistrationQuality q = quality.assess(refined.gradientCorrelation(), PoseDisagreement.mm(start, refined.pose()), noise);
        IntensityRefinement.Result firstRefinement = refined;
        RegistrationQuality firstQuality = q;
        for (int r = 0; r < RESTART_DEPTHS_MM.length && q.lowConfidence(); r++) {
            Pose moved = new Pose(start.rx(), start.ry(), start.rz(), start.tx(), start.ty() + RESTART_DEPTHS_MM[r], start.tz());
            IntensityRefinement.Result again = refinement.refine(grey, moved);
            if (again.similarity() > refined.similarity()) {
                refined = again;
                q = quality.assess(refined.gradientCorrelation(), PoseDisagreement.mm(start, refined.pose()), noise);
            }
        }
        long t2 = System.nanoTime();
        return new Outcome(start, refined.pose(), refined, q, (t1 - t0) / 1e6, (t2 - t1) / 1e6, firstRefinement, firstQuality);
    }
}
