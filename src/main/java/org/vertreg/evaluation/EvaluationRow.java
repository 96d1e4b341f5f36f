package org.vertreg.evaluation;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.vertreg.geometry.PoseError;
import org.vertreg.registration.RegistrationError;

/**
 * The summary of a set of registrations: one case and vertebra, or all of them.
 *
 * @param successRate      fraction (0–1) with mTRE below {@value RegistrationError#SUCCESS_MTRE_MM} mm
 * @param grossFailureRate fraction (0–1) with mTRE above {@value RegistrationError#GROSS_FAILURE_MTRE_MM} mm
 * @param mTreMaxMm        the worst mTRE
 * @param rotationMaxDeg   the worst angle of the relative rotation, degrees
 * @param captureRate      fraction (0–1) within refinement's capture range ({@link RegistrationError#withinCaptureRange})
 * @param timeP95Ms        95th percentile of the wall time by the nearest-rank method
 * @param meanError        every field of the trials' {@link PoseError}s averaged: which parameters the error is in (a
 *                         single view sees the depth along the beam, ty in the reference view, worst)
 * @param stageTimes       median and p95 of each stage of a two-stage registration, or null for a single stage
 */
public record EvaluationRow(String caseName, String vertebra, int n, double mTreMeanMm, double mTreMedianMm, double mPdMeanMm,
        double mae, double successRate, double grossFailureRate, double mTreMaxMm, double rotationMaxDeg, double captureRate,
        double timeMedianMs, double timeP95Ms, PoseError meanError, StageTimes stageTimes) {

    /** Median and 95th percentile (nearest rank) of the first estimate's and the refinement's wall times, ms. */
    public record StageTimes(double firstMedianMs, double firstP95Ms, double refineMedianMs, double refineP95Ms) {
    }

    public EvaluationRow {
        Objects.requireNonNull(caseName, "caseName");
        Objects.requireNonNull(vertebra, "vertebra");
        Objects.requireNonNull(meanError, "meanError");
        if (n < 1) {
            throw new IllegalArgumentException("a row summarises at least one registration");
        }
    }

    public static EvaluationRow summarise(String caseName, String vertebra, List<RegistrationTrial> trials) {
        int n = trials.size();
        if (n == 0) {
            throw new IllegalArgumentException("nothing to summarise");
        }
        double[] tre = new double[n], time = new double[n], errorSum = new double[8];
        double pd = 0, mae = 0, rotationMax = 0;
        int success = 0, gross = 0, captured = 0;
        for (int i = 0; i < n; i++) {
            RegistrationError e = trials.get(i).error();
            tre[i] = e.mTreMm();
            time[i] = trials.get(i).timeMs();
            pd += e.mPdMm();
            mae += e.mae();
            success += e.success() ? 1 : 0;
            gross += e.grossFailure() ? 1 : 0;
            captured += e.withinCaptureRange() ? 1 : 0;
            rotationMax = Math.max(rotationMax, e.parameters().rotationAngleDegrees());
            double[] fields = fields(e.parameters());
            for (int k = 0; k < fields.length; k++) {
                errorSum[k] += fields[k];
            }
        }
        double[] meanError = Arrays.stream(errorSum).map(sum -> sum / n).toArray();
        StageTimes stages = null;
        if (trials.stream().allMatch(t -> t.stages() != null)) {
            double[] first = trials.stream().mapToDouble(t -> t.stages().firstMs()).toArray();
            double[] refine = trials.stream().mapToDouble(t -> t.stages().refineMs()).toArray();
            stages = new StageTimes(median(first), percentile(first, 95), median(refine), percentile(refine, 95));
        }
        return new EvaluationRow(caseName, vertebra, n, Arrays.stream(tre).sum() / n, median(tre), pd / n, mae / n,
                (double) success / n, (double) gross / n, Arrays.stream(tre).max().orElseThrow(), rotationMax, (double) captured / n,
                median(time), percentile(time, 95), new PoseError(meanError[0], meanError[1], meanError[2], meanError[3],
                        meanError[4], meanError[5], meanError[6], meanError[7]), stages);
    }

    private static double[] fields(PoseError e) {
        return new double[] {e.rxDegrees(), e.ryDegrees(), e.rzDegrees(), e.txMm(), e.tyMm(), e.tzMm(), e.rotationAngleDegrees(),
            e.translationDistanceMm()};
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    /** Nearest rank: the smallest value with at least {@code p} % of the values at or below it. */
    static double percentile(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(p / 100.0 * s.length);
        return s[Math.max(0, rank - 1)];
    }
}
