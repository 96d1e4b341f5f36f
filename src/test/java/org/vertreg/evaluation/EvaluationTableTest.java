package org.vertreg.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.PoseError;
import org.vertreg.registration.RegistrationError;

class EvaluationTableTest {

    /**
     * Trials with given mTRE (mm) and times (ms); mPD = mTRE/2, MAE = mTRE/100, rotation angle = 2·mTRE degrees, the
     * error all in ty (= mTRE) and rx (= mTRE/10).
     */
    private static CaseTrials evaluation(String name, double[] tre, double[] ms) {
        List<RegistrationTrial> trials = new ArrayList<>();
        for (int i = 0; i < tre.length; i++) {
            PoseError angle = new PoseError(tre[i] / 10, 0, 0, 0, tre[i], 0, 2 * tre[i], tre[i]);
            RegistrationError e = new RegistrationError(tre[i], tre[i] / 2, tre[i] / 100, angle);
            trials.add(new RegistrationTrial(i, Pose.identity(), Pose.identity(), e, ms[i]));
        }
        return new CaseTrials(name, "20", trials);
    }

    private static EvaluationTable table() {
        return EvaluationTable.of(List.of(
                evaluation("a", new double[] {1, 1.5, 3, 12}, new double[] {1, 2, 3, 4}),
                evaluation("b, the second", new double[] {0.5, 20}, new double[] {10, 100})));
    }

    @Test
    void rowsPerCaseAndOverall() {
        List<EvaluationRow> rows = table().rows();
        assertEquals(3, rows.size());
        EvaluationRow a = rows.get(0);
        assertEquals(4, a.n());
        assertEquals(17.5 / 4, a.mTreMeanMm(), 1e-12);
        assertEquals(2.25, a.mTreMedianMm(), 1e-12);
        assertEquals(17.5 / 8, a.mPdMeanMm(), 1e-12);
        assertEquals(0.175 / 4, a.mae(), 1e-12);
        assertEquals(0.5, a.successRate());
        assertEquals(0.25, a.grossFailureRate());
        assertEquals(12, a.mTreMaxMm(), 0);
        assertEquals(24, a.rotationMaxDeg(), 0);
        assertEquals(0.5, a.captureRate(), "1 and 1.5 mm (2°, 3°) are in; 3 mm is in by mTRE but its 6° rotation is not");
        assertEquals(2.5, a.timeMedianMs(), 1e-12);
        assertEquals(4, a.timeP95Ms(), 0);
        assertEquals(new PoseError(1.75 / 4, 0, 0, 0, 17.5 / 4, 0, 35.0 / 4, 17.5 / 4), a.meanError());

        EvaluationRow all = rows.get(2);
        assertEquals(EvaluationTable.OVERALL, all.caseName());
        assertEquals(6, all.n());
        assertEquals(38.0 / 6, all.mTreMeanMm(), 1e-12);
        assertEquals(3.0 / 6, all.successRate(), 1e-12);
        assertEquals(2.0 / 6, all.grossFailureRate(), 1e-12);
        assertEquals(20, all.mTreMaxMm(), 0);
        assertEquals(3.0 / 6, all.captureRate(), 1e-12);
        assertEquals(3.5, all.timeMedianMs(), 1e-12);
        assertEquals(100, all.timeP95Ms(), 0);
        assertEquals(38.0 / 6, all.meanError().tyMm(), 1e-12);
    }

    @Test
    void percentilesByNearestRank() {
        double[] twenty = new double[20];
        for (int i = 0; i < 20; i++) {
            twenty[i] = 20 - i;
        }
        assertEquals(19, EvaluationRow.percentile(twenty, 95), 0);
        assertEquals(10.5, EvaluationRow.median(twenty), 0);
        assertEquals(7, EvaluationRow.percentile(new double[] {7}, 95), 0);
    }

    @Test
    void csvHasTheDocumentedColumnsAndOneLinePerRow(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("evaluation.csv");
        table().writeCsv(file);
        List<String> lines = Files.readAllLines(file);
        assertEquals("case,vertebra,n,mtre_mean_mm,mtre_median_mm,mpd_mean_mm,mae,success_rate,gross_failure_rate,"
                + "mtre_max_mm,rotation_max_deg,capture_rate,time_median_ms,time_p95_ms,rx_mean_deg,ry_mean_deg,rz_mean_deg,"
                + "tx_mean_mm,ty_mean_mm,tz_mean_mm,rotation_mean_deg,translation_mean_mm,first_median_ms,first_p95_ms,refine_median_ms,"
                + "refine_p95_ms", lines.get(0));
        assertEquals(4, lines.size());
        assertTrue(lines.get(1).startsWith("a,20,4,4.37500,2.25000,2.18750,0.0437500,0.500000,0.250000,12.0000,24.0000,0.500000,"
                + "2.50000,4.00000,0.437500,0.00000,0.00000,0.00000,4.37500,0.00000,8.75000,4.37500"),
                lines.get(1));
        assertTrue(lines.get(2).startsWith("\"b, the second\",20,2,"), lines.get(2));
        assertTrue(lines.get(3).startsWith("overall,all,6,"), lines.get(3));
    }

    @Test
    void textHasTheSummaryThenThePerParameterTableEachAligned() {
        String[] blocks = table().toText().split("\n\n");
        assertEquals(2, blocks.length);
        String[] summary = blocks[0].split("\n");
        assertEquals(5, summary.length, "header, units and three rows");
        for (String line : summary) {
            assertEquals(summary[0].length(), line.length(), "every line pads to the same width: '" + line + "'");
        }
        assertTrue(summary[2].contains("50.0") && summary[2].contains("25.0"), "rates in percent: " + summary[2]);
        assertTrue(summary[4].startsWith("overall"));

        String[] perParameter = blocks[1].split("\n");
        assertEquals(6, perParameter.length, "title, header, units and three rows");
        assertTrue(perParameter[1].startsWith("case") && perParameter[1].contains("ty"), perParameter[1]);
        for (int i = 2; i < perParameter.length; i++) {
            assertEquals(perParameter[1].length(), perParameter[i].length(), perParameter[i]);
        }
        assertTrue(perParameter[3].matches("a +20 +0\\.44 +0\\.00 +0\\.00 +0\\.00 +4\\.38 +0\\.00 +8\\.75 +4\\.38"), perParameter[3]);
    }
}
