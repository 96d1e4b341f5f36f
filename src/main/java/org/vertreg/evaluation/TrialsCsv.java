package org.vertreg.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.vertreg.geometry.Pose;
import org.vertreg.registration.RegistrationError;

/**
 * Every registration of an evaluation, one CSV line each: the true and the estimated pose (degrees, mm) and the errors,
 * so the worst cases can be looked at one by one (and their X-rays re-made from the seed and index); for a two-stage
 * registration also the first estimate's mTRE, each stage's time, the quality the node gave the result, and the first
 * refinement's mTRE and quality features before any restart.
 */
public final class TrialsCsv {
    static final String HEADER = "case,vertebra,index,true_rx,true_ry,true_rz,true_tx,true_ty,true_tz,"
            + "est_rx,est_ry,est_rz,est_tx,est_ty,est_tz,mtre_mm,mpd_mm,mae,rotation_deg,time_ms,"
            + "first_mtre_mm,first_ms,refine_ms,similarity,disagreement_mm,noise_sigma,quality,low_confidence,"
            + "first_refined_mtre_mm,first_refined_similarity,first_refined_disagreement_mm";

    private TrialsCsv() {
    }

    public static String format(List<CaseTrials> cases) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (CaseTrials c : cases) {
            for (RegistrationTrial t : c.trials()) {
                out.append(EvaluationTable.csvField(c.caseName())).append(',').append(EvaluationTable.csvField(c.vertebra()))
                        .append(',').append(t.index());
                RegistrationError e = t.error();
                for (double v : concat(parameters(t.truth()), parameters(t.estimate()),
                        new double[] {e.mTreMm(), e.mPdMm(), e.mae(), e.parameters().rotationAngleDegrees(), t.timeMs()})) {
                    out.append(',').append(EvaluationTable.csvNumber(v));
                }
                RegistrationTrial.Stages s = t.stages();
                if (s == null) {
                    out.append(",,,,,,,,,,,");
                } else {
                    for (double v : new double[] {s.firstError().mTreMm(), s.firstMs(), s.refineMs(), s.quality().similarity(),
                        s.quality().disagreementMm(), s.quality().noiseSigma(), s.quality().score()}) {
                        out.append(',').append(EvaluationTable.csvNumber(v));
                    }
                    out.append(',').append(s.quality().lowConfidence());
                    RegistrationTrial.FirstRefinement f = s.firstRefinement();
                    if (f == null) {
                        out.append(",,,");
                    } else {
                        for (double v : new double[] {f.error().mTreMm(), f.quality().similarity(), f.quality().disagreementMm()}) {
                            out.append(',').append(EvaluationTable.csvNumber(v));
                        }
                    }
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    public static void write(List<CaseTrials> cases, Path file) throws IOException {
        Files.writeString(file, format(cases), StandardCharsets.UTF_8);
    }

    private static double[] parameters(Pose p) {
        return new double[] {p.rx(), p.ry(), p.rz(), p.tx(), p.ty(), p.tz()};
    }

    private static double[] concat(double[]... parts) {
        return Arrays.stream(parts).flatMapToDouble(Arrays::stream).toArray();
    }
}
