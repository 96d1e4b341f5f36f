package org.vertreg.evaluation;

/**
 * How a case is evaluated (DESIGN.md §4): {@code poses} test poses uniform in ±18° and ±10 mm from the evaluation
 * stream of {@code seed} ({@code PoseSampler.Purpose.EVALUATION}, which training never draws from), each X-ray
 * low-dose simulated unless switched off.
 */
public record EvaluationProtocol(int poses, long seed, boolean lowDose) {

    /** The fixed default seed of the evaluation poses ("VERTEVAL" in ASCII). */
    public static final long DEFAULT_SEED = 0x5645_5254_4556_414CL;
    public static final int DEFAULT_POSES = 100;

    public EvaluationProtocol {
        if (poses < 1) {
            throw new IllegalArgumentException("an evaluation needs at least one pose, got " + poses);
        }
    }

    public static EvaluationProtocol defaults() {
        return new EvaluationProtocol(DEFAULT_POSES, DEFAULT_SEED, true);
    }

    public EvaluationProtocol withPoses(int n) {
        return new EvaluationProtocol(n, seed, lowDose);
    }

    public EvaluationProtocol withSeed(long s) {
        return new EvaluationProtocol(poses, s, lowDose);
    }

    public EvaluationProtocol withLowDose(boolean on) {
        return new EvaluationProtocol(poses, seed, on);
    }
}
