package org.vertreg.registration;

import java.util.Objects;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.apache.commons.math3.random.MersenneTwister;
import org.vertreg.drr.SimulatedXrays;
import org.vertreg.geometry.Pose;
import org.vertreg.imaging.ProjectedAnatomy;

/**
 * Intensity-based refinement: from a starting pose (the network's), the pose whose DRR is most like the X-ray by a
 * {@link Similarity}, coarse to fine. On a detector of half the resolution, CMA-ES (Commons Math) searches a box around
 * the start as wide as the network's errors (with the similarity's {@link Similarity#coarseLevel() coarse stand-in});
 * on the full detector BOBYQA polishes the best point, and a parabola fitted along the beam places the depth. Parameters
 * are the pose's own (degrees, mm), the box wider along the beam (ty), where the network is least sure.
 *
 * <p>Deterministic: CMA-ES draws from a generator seeded by the options. Thread-safe if the similarity is.
 */
public final class IntensityRefinement {

    /**
     * @param similarity        what is maximised
     * @param rotationRange     half-width of the search box for each rotation, degrees
     * @param translationRange  half-width for the in-plane translations (tx, tz), mm
     * @param depthRange        half-width for the translation along the beam (ty), mm
     * @param coarseEvaluations DRRs the coarse CMA-ES search may render
     * @param fineEvaluations   DRRs the fine BOBYQA search may render
     * @param seed              CMA-ES's random stream
     */
    public record Options(Similarity similarity, double rotationRange, double translationRange, double depthRange, int coarseEvaluations,
                          int fineEvaluations, long seed) {
        public Options {
            Objects.requireNonNull(similarity, "similarity");
            if (!(rotationRange > 0 && translationRange > 0 && depthRange > 0) || coarseEvaluations < 1 || fineEvaluations < 1) {
                throw new IllegalArgumentException("ranges and evaluation budgets must be positive");
            }
        }

        /** Around the network's measured errors (within 5° and 5 mm for most poses, about 3.5 mm along the beam on average). */
        public static Options defaults(Similarity similarity) {
            return new Options(similarity, 8, 8, 15, 600, 300, 1);
        }

        /**
         * The defaults for X-rays of this anatomy. Against whole-CT X-rays the coarse search gets twice the DRRs: at half
         * resolution the whole body's similarity changes less along the beam, and 600 left the depth 1.5 mm off on
         * average from starts 6 mm off along the beam where 1 200 left 0.7 mm (abdomen L3, 10 poses,
         * {@code RefinementFloor}); for the vertebra alone the extra DRRs made no difference.
         */
        public static Options defaults(Similarity similarity, ProjectedAnatomy anatomy) {
            Options d = defaults(similarity);
            return anatomy == ProjectedAnatomy.WHOLE_CT ? new Options(similarity, d.rotationRange, d.translationRange, d.depthRange,
                    2 * d.coarseEvaluations, d.fineEvaluations, d.seed) : d;
        }

        /**
         * For optimisation alone from the reference pose: a box covering the whole pose range of the protocol (±18°,
         * ±10 mm) and a larger coarse budget, as an optimiser without a network's start needs.
         */
        public static Options fromReferencePose(Similarity similarity) {
            return new Options(similarity, 20, 12, 15, 1500, 300, 1);
        }
    }

    /**
     * The refined pose, its similarity on the full detector, its gradient correlation there (what the quality score is
     * calibrated on, whatever the refinement maximised), and what it cost.
     */
    public record Result(Pose pose, double similarity, double gradientCorrelation, int evaluations, double milliseconds) {
    }

    private static final int DEPTH = 4; // index of ty in the parameter vector
    private static final double DEPTH_PROFILE_HALF_WIDTH = 2;
    private static final double DEPTH_PROFILE_STEP = 0.25;
    private static final int DEPTH_PROFILE_SAMPLES = (int) Math.round(2 * DEPTH_PROFILE_HALF_WIDTH / DEPTH_PROFILE_STEP) + 1;
    /**
     * Millimetres of ty per optimiser unit: a depth change moves a projection's edges about a quarter as much as the same
     * change in the plane, so BOBYQA's single trust region would otherwise crawl along the beam.
     */
    private static final double DEPTH_UNIT = 4;

    private final SimulatedXrays fine;
    private final SimulatedXrays coarse;
    private final Options options;

    /** @param xrays renders DRRs of the vertebra on the X-ray's detector (its size must be even) */
    public IntensityRefinement(SimulatedXrays xrays, Options options) {
        this.fine = Objects.requireNonNull(xrays, "xrays");
        this.options = Objects.requireNonNull(options, "options");
        int columns = xrays.columns(), rows = xrays.rows();
        if (columns % 2 != 0 || rows % 2 != 0) {
            throw new IllegalArgumentException("the detector needs an even size for its half-resolution level, got " + columns + "x" + rows);
        }
        this.coarse = xrays.onDetector(columns / 2, rows / 2);
    }

    /** The pose near {@code start} whose DRR best matches {@code xray} ({@code columns × rows} grey values, row-major). */
    public Result refine(float[] xray, Pose start) {
        long began = System.nanoTime();
        double[] x0 = parameters(start);
        double[] lower = new double[6], upper = new double[6], sigma = new double[6];
        for (int i = 0; i < 6; i++) {
            double range = i < 3 ? options.rotationRange() : i == DEPTH ? options.depthRange() : options.translationRange();
            lower[i] = x0[i] - range;
            upper[i] = x0[i] + range;
            sigma[i] = range / 3;
        }
        Best coarseBest = new Best(options.similarity().coarseLevel().against(halve(xray, fine.columns(), fine.rows()), coarse.columns(), coarse.rows()),
                coarse, 1);
        CMAESOptimizer cmaes = new CMAESOptimizer(10_000, 0, true, 0, 0, new MersenneTwister(options.seed()), false,
                new SimpleValueChecker(1e-6, 1e-9));
        try {
            cmaes.optimize(new MaxEval(options.coarseEvaluations()), coarseBest.objective(), GoalType.MAXIMIZE, new InitialGuess(x0),
                    new SimpleBounds(lower, upper), new CMAESOptimizer.Sigma(sigma), new CMAESOptimizer.PopulationSize(12));
        } catch (TooManyEvaluationsException spent) {
            // the best point seen so far stands
        }
        double[] from = coarseBest.point == null ? x0 : coarseBest.point;

        double[] fineLower = new double[6], fineUpper = new double[6], fineStart = new double[6];
        for (int i = 0; i < 6; i++) {
            double half = i == DEPTH ? 4 : 2;
            double unit = i == DEPTH ? DEPTH_UNIT : 1;
            fineLower[i] = Math.max(lower[i], from[i] - half) / unit;
            fineUpper[i] = Math.min(upper[i], from[i] + half) / unit;
            fineStart[i] = Math.min(Math.max(from[i] / unit, fineLower[i] + 1e-6), fineUpper[i] - 1e-6);
        }
        Similarity.Scorer fineScorer = options.similarity().against(xray, fine.columns(), fine.rows());
        Best fineBest = new Best(fineScorer, fine, DEPTH_UNIT);
        try {
            new BOBYQAOptimizer(13, 0.5, 1e-4).optimize(new MaxEval(options.fineEvaluations()), fineBest.objective(), GoalType.MAXIMIZE,
                    new InitialGuess(fineStart), new SimpleBounds(fineLower, fineUpper));
        } catch (TooManyEvaluationsException spent) {
            // the best point seen so far stands
        }
        DepthProfile depth = depthProfile(fineScorer, fineBest.point, fineBest.value);
        Pose refined = pose(depth.point);
        double gc = options.similarity() instanceof GradientCorrelation ? depth.value
                : new GradientCorrelation().against(xray, fine.columns(), fine.rows()).score(fine.drr(refined));
        return new Result(refined, depth.value, gc, coarseBest.evaluations + fineBest.evaluations + depth.evaluations,
                (System.nanoTime() - began) / 1e6);
    }

    /** The objective of one level, remembering the best point it was asked about whatever the optimiser returns. */
    private static final class Best {
        private final Similarity.Scorer scorer;
        private final SimulatedXrays xrays;
        private final double depthUnit;
        /** The best pose's parameters in degrees and mm. */
        double[] point;
        double value = Double.NEGATIVE_INFINITY;
        int evaluations;

        /** @param depthUnit mm of ty per unit of the optimiser's variable */
        Best(Similarity.Scorer scorer, SimulatedXrays xrays, double depthUnit) {
            this.scorer = scorer;
            this.xrays = xrays;
            this.depthUnit = depthUnit;
        }

        ObjectiveFunction objective() {
            return new ObjectiveFunction(u -> {
                evaluations++;
                double[] x = u.clone();
                x[DEPTH] *= depthUnit;
                double v = scorer.score(xrays.drr(pose(x)));
                if (v > value) {
                    value = v;
                    point = x;
                }
                return v;
            });
        }
    }

    private static double[] parameters(Pose p) {
        return new double[] {p.rx(), p.ry(), p.rz(), p.tx(), p.ty(), p.tz()};
    }

    private static Pose pose(double[] x) {
        return new Pose(x[0], x[1], x[2], x[3], x[4], x[5]);
    }

    private record DepthProfile(double[] point, double value, int evaluations) {
    }

    /**
     * The last step, along the beam alone: the similarity sampled every {@value #DEPTH_PROFILE_STEP} mm within
     * ±{@value #DEPTH_PROFILE_HALF_WIDTH} mm of the polished pose, a parabola fitted to the samples by least squares, and
     * the pose moved to its peak when the parabola has one within the samples. Along the beam the similarity is flat
     * (a vertebra 1 mm nearer is 0.17 % larger) and rippled by noise and by the renderer's sampling, so BOBYQA's
     * interpolating models stop wherever a ripple peaks; the fit averages the ripples out (abdomen L5 from starts 6 mm
     * off along the beam: 0.67 mm mean mTRE with it, 0.78 without; L3 0.47 and 0.56, {@code RefinementFloor}).
     */
    private DepthProfile depthProfile(Similarity.Scorer scorer, double[] polished, double polishedValue) {
        double[] offsets = new double[DEPTH_PROFILE_SAMPLES], values = new double[DEPTH_PROFILE_SAMPLES];
        for (int i = 0; i < DEPTH_PROFILE_SAMPLES; i++) {
            offsets[i] = -DEPTH_PROFILE_HALF_WIDTH + i * DEPTH_PROFILE_STEP;
            double[] x = polished.clone();
            x[DEPTH] += offsets[i];
            values[i] = scorer.score(fine.drr(pose(x)));
        }
        double[] c = Parabola.fit(offsets, values);
        double peak = c[2] < 0 ? -c[1] / (2 * c[2]) : Double.NaN;
        if (!(Math.abs(peak) <= DEPTH_PROFILE_HALF_WIDTH)) {
            return new DepthProfile(polished, polishedValue, DEPTH_PROFILE_SAMPLES);
        }
        double[] moved = polished.clone();
        moved[DEPTH] += peak;
        return new DepthProfile(moved, scorer.score(fine.drr(pose(moved))), DEPTH_PROFILE_SAMPLES + 1);
    }

    /** The image at half resolution, each pixel the mean of a 2×2 block. */
    static float[] halve(float[] image, int columns, int rows) {
        int c2 = columns / 2, r2 = rows / 2;
        float[] half = new float[c2 * r2];
        for (int r = 0; r < r2; r++) {
            for (int c = 0; c < c2; c++) {
                int i = 2 * r * columns + 2 * c;
                half[r * c2 + c] = 0.25f * (image[i] + image[i + 1] + image[i + columns] + image[i + columns + 1]);
            }
        }
        return half;
    }
}
