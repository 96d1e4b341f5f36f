package org.vertreg.evaluation;

import java.util.List;
import java.util.Locale;
import org.vertreg.registration.QualityModel;
import org.vertreg.registration.RegistrationError;
import org.vertreg.registration.RegistrationQuality;

/**
 * How well the quality score tells good registrations from bad ones on an evaluation: of the failures (mTRE ≥
 * {@value RegistrationError#SUCCESS_MTRE_MM} mm) and of the gross failures (> {@value RegistrationError#GROSS_FAILURE_MTRE_MM} mm),
 * how many it flags low confidence; of the successes, how many it flags wrongly (false alarms).
 */
public record QualitySeparation(int failures, int failuresFlagged, int grossFailures, int grossFailuresFlagged, int successes,
        int successesFlagged) {

    /** With the quality each trial was given. */
    public static QualitySeparation of(List<CaseTrials> cases) {
        return of(cases, null);
    }

    /** With the quality {@code model} gives each trial's features instead (a model fitted after the run). */
    public static QualitySeparation of(List<CaseTrials> cases, QualityModel model) {
        int f = 0, ff = 0, g = 0, gf = 0, s = 0, sf = 0;
        for (CaseTrials c : cases) {
            for (RegistrationTrial t : c.trials()) {
                if (t.stages() == null) {
                    throw new IllegalArgumentException("trial " + t.index() + " of " + c.caseName() + " has no quality score");
                }
                RegistrationQuality q = t.stages().quality();
                boolean flagged = model == null ? q.lowConfidence()
                        : model.assess(q.similarity(), q.disagreementMm(), q.noiseSigma()).lowConfidence();
                if (t.error().success()) {
                    s++;
                    sf += flagged ? 1 : 0;
                } else {
                    f++;
                    ff += flagged ? 1 : 0;
                    if (t.error().grossFailure()) {
                        g++;
                        gf += flagged ? 1 : 0;
                    }
                }
            }
        }
        return new QualitySeparation(f, ff, g, gf, s, sf);
    }

    public String toText() {
        return String.format(Locale.ROOT, "quality score: flags %d of %d failures (%s), %d of %d gross failures (%s); false alarms %d of %d successes (%s)%n",
                failuresFlagged, failures, percent(failuresFlagged, failures), grossFailuresFlagged, grossFailures,
                percent(grossFailuresFlagged, grossFailures), successesFlagged, successes, percent(successesFlagged, successes));
    }

    private static String percent(int part, int whole) {
        return whole == 0 ? "none to flag" : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }
}
