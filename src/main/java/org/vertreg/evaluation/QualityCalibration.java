package org.vertreg.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.vertreg.registration.QualityModel;
import org.vertreg.registration.RegistrationError;
import org.vertreg.registration.RegistrationQuality;

/**
 * Fits the quality model to evaluation runs: a logistic regression of success (mTRE < 2 mm) on the gradient correlation, the
 * network–refinement disagreement and the X-ray's noise, by Newton's method with a small ridge (so that perfectly separated runs still
 * give finite coefficients); then the threshold that flags at most {@value #FALSE_ALARM_SHARE} of the successes,
 * raised if needed until every gross failure is flagged. Where a trial kept its first refinement (before restarts), the
 * fit uses that one's features and error: the score is what decides whether to restart, and a fit to results after the
 * restarts learns too little of the failures restarts rescue.
 */
public final class QualityCalibration {
    static final double FALSE_ALARM_SHARE = 0.05;
    private static final double RIDGE = 1e-3;
    private static final int ITERATIONS = 50;

    private QualityCalibration() {
    }

    public static QualityModel fit(List<CaseTrials> cases) {
        List<double[]> x = new ArrayList<>();
        List<Boolean> success = new ArrayList<>(), gross = new ArrayList<>();
        for (CaseTrials c : cases) {
            for (RegistrationTrial t : c.trials()) {
                if (t.stages() == null) {
                    throw new IllegalArgumentException("trial " + t.index() + " of " + c.caseName() + " has no quality features");
                }
                // the score decides the restarts from the first refinement's result: fitted to those where kept
                RegistrationTrial.FirstRefinement first = t.stages().firstRefinement();
                RegistrationQuality q = first == null ? t.stages().quality() : first.quality();
                RegistrationError e = first == null ? t.error() : first.error();
                x.add(new double[] {q.similarity(), q.disagreementMm(), q.noiseSigma()});
                success.add(e.success());
                gross.add(e.grossFailure());
            }
        }
        if (!success.contains(true) || !success.contains(false)) {
            throw new IllegalArgumentException("fitting the quality score needs both successes and failures, got " + x.size()
                    + (success.contains(true) ? " successes" : " failures") + " only");
        }
        int features = 3, d = features + 1;
        double[] mean = new double[features], sd = new double[features];
        for (int k = 0; k < features; k++) {
            final int j = k;
            mean[k] = x.stream().mapToDouble(v -> v[j]).average().orElseThrow();
            sd[k] = Math.sqrt(x.stream().mapToDouble(v -> (v[j] - mean[j]) * (v[j] - mean[j])).average().orElseThrow());
            sd[k] = sd[k] > 0 ? sd[k] : 1;
        }
        double[] b = new double[d]; // on standardised features, b[0] the intercept
        for (int it = 0; it < ITERATIONS; it++) {
            RealMatrix hessian = new Array2DRowRealMatrix(d, d);
            double[] gradient = new double[d];
            for (int i = 0; i < x.size(); i++) {
                double[] z = new double[d];
                z[0] = 1;
                double eta = b[0];
                for (int k = 0; k < features; k++) {
                    z[k + 1] = (x.get(i)[k] - mean[k]) / sd[k];
                    eta += b[k + 1] * z[k + 1];
                }
                double p = 1 / (1 + Math.exp(-eta));
                double y = success.get(i) ? 1 : 0;
                for (int r = 0; r < d; r++) {
                    gradient[r] += (y - p) * z[r];
                    for (int c = 0; c < d; c++) {
                        hessian.addToEntry(r, c, p * (1 - p) * z[r] * z[c]);
                    }
                }
            }
            for (int r = 0; r < d; r++) {
                gradient[r] -= RIDGE * b[r];
                hessian.addToEntry(r, r, RIDGE);
            }
            double[] step = new LUDecomposition(hessian).getSolver().solve(new ArrayRealVector(gradient)).toArray();
            for (int r = 0; r < d; r++) {
                b[r] += step[r];
            }
            if (Arrays.stream(step).map(Math::abs).max().orElseThrow() < 1e-9) {
                break;
            }
        }
        double perSimilarity = b[1] / sd[0], perDisagreement = b[2] / sd[1], perNoise = b[3] / sd[2];
        double intercept = b[0] - perSimilarity * mean[0] - perDisagreement * mean[1] - perNoise * mean[2];
        QualityModel unthresholded = new QualityModel(intercept, perSimilarity, perDisagreement, perNoise, 0.5);
        List<Double> successScores = new ArrayList<>();
        double highestGross = 0;
        for (int i = 0; i < x.size(); i++) {
            double score = unthresholded.assess(x.get(i)[0], x.get(i)[1], x.get(i)[2]).score();
            if (success.get(i)) {
                successScores.add(score);
            }
            if (gross.get(i)) {
                highestGross = Math.max(highestGross, score);
            }
        }
        successScores.sort(null);
        double threshold = successScores.get((int) Math.floor(FALSE_ALARM_SHARE * successScores.size()));
        threshold = Math.max(threshold, Math.nextUp(highestGross));
        threshold = Math.min(Math.max(threshold, 1e-6), 1 - 1e-6);
        double noisiest = x.stream().mapToDouble(v -> v[2]).max().orElseThrow();
        return new QualityModel(intercept, perSimilarity, perDisagreement, perNoise, threshold,
                noisiest > 0 ? QualityModel.NOISE_MARGIN * noisiest : Double.POSITIVE_INFINITY);
    }
}
