package org.vertreg.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vertreg.geometry.PoseError;

/**
 * The evaluation report: one row per case and vertebra, then an overall row over every registration (so a case with
 * more poses weighs more). Printed as an aligned text table, written as CSV (rates as fractions, times in ms).
 */
public final class EvaluationTable {

    public static final String OVERALL = "overall";
    static final String[] HEADER = {"case", "vertebra", "n", "mtre_mean_mm", "mtre_median_mm", "mpd_mean_mm", "mae",
        "success_rate", "gross_failure_rate", "mtre_max_mm", "rotation_max_deg", "capture_rate", "time_median_ms", "time_p95_ms",
        "rx_mean_deg", "ry_mean_deg", "rz_mean_deg", "tx_mean_mm", "ty_mean_mm", "tz_mean_mm", "rotation_mean_deg", "translation_mean_mm",
        "first_median_ms", "first_p95_ms", "refine_median_ms", "refine_p95_ms"};

    private final List<EvaluationRow> rows;

    private EvaluationTable(List<EvaluationRow> rows) {
        this.rows = List.copyOf(rows);
    }

    public static EvaluationTable of(List<CaseTrials> cases) {
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("an evaluation table needs at least one case");
        }
        List<EvaluationRow> rows = new ArrayList<>();
        List<RegistrationTrial> all = new ArrayList<>();
        for (CaseTrials c : cases) {
            rows.add(EvaluationRow.summarise(c.caseName(), c.vertebra(), c.trials()));
            all.addAll(c.trials());
        }
        rows.add(EvaluationRow.summarise(OVERALL, "all", all));
        return new EvaluationTable(rows);
    }

    /** The case rows, then the overall row. */
    public List<EvaluationRow> rows() {
        return rows;
    }

    public EvaluationRow overall() {
        return rows.get(rows.size() - 1);
    }

    public String toCsv() {
        StringBuilder out = new StringBuilder(String.join(",", HEADER)).append('\n');
        for (EvaluationRow r : rows) {
            PoseError e = r.meanError();
            out.append(csvField(r.caseName())).append(',').append(csvField(r.vertebra())).append(',').append(r.n());
            for (double v : new double[] {r.mTreMeanMm(), r.mTreMedianMm(), r.mPdMeanMm(), r.mae(), r.successRate(),
                r.grossFailureRate(), r.mTreMaxMm(), r.rotationMaxDeg(), r.captureRate(), r.timeMedianMs(), r.timeP95Ms(),
                e.rxDegrees(), e.ryDegrees(), e.rzDegrees(), e.txMm(), e.tyMm(), e.tzMm(), e.rotationAngleDegrees(),
                e.translationDistanceMm()}) {
                out.append(',').append(csvNumber(v));
            }
            EvaluationRow.StageTimes st = r.stageTimes();
            if (st == null) {
                out.append(",,,,"); // a single stage: no stage columns
            } else {
                for (double v : new double[] {st.firstMedianMs(), st.firstP95Ms(), st.refineMedianMs(), st.refineP95Ms()}) {
                    out.append(',').append(csvNumber(v));
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    public void writeCsv(Path file) throws IOException {
        Files.writeString(file, toCsv(), StandardCharsets.UTF_8);
    }

    /**
     * Two tables, columns padded to their widest cell, numbers right-aligned: the summary (rates in percent; "in 5/5" is
     * the capture rate, mTRE within 5 mm and rotation within 5°), then the mean absolute error of each pose parameter.
     */
    public String toText() {
        String[] head = {"case", "vertebra", "n", "mTRE mean", "mTRE median", "mPD mean", "MAE", "success", "gross fail",
            "mTRE max", "rot max", "in 5/5", "time median", "time p95"};
        String[] unit = {"", "", "", "mm", "mm", "mm", "", "%", "%", "mm", "°", "%", "ms", "ms"};
        List<String[]> summary = new ArrayList<>(List.of(head, unit));
        String[] perParameterHead = {"case", "vertebra", "rx", "ry", "rz", "tx", "ty", "tz", "rotation", "translation"};
        String[] perParameterUnit = {"", "", "°", "°", "°", "mm", "mm", "mm", "°", "mm"};
        List<String[]> perParameter = new ArrayList<>(List.of(perParameterHead, perParameterUnit));
        for (EvaluationRow r : rows) {
            summary.add(new String[] {r.caseName(), r.vertebra(), Integer.toString(r.n()), f("%.2f", r.mTreMeanMm()),
                f("%.2f", r.mTreMedianMm()), f("%.2f", r.mPdMeanMm()), f("%.4f", r.mae()), f("%.1f", 100 * r.successRate()),
                f("%.1f", 100 * r.grossFailureRate()), f("%.2f", r.mTreMaxMm()), f("%.2f", r.rotationMaxDeg()),
                f("%.1f", 100 * r.captureRate()), f("%.1f", r.timeMedianMs()), f("%.1f", r.timeP95Ms())});
            PoseError e = r.meanError();
            perParameter.add(new String[] {r.caseName(), r.vertebra(), f("%.2f", e.rxDegrees()), f("%.2f", e.ryDegrees()),
                f("%.2f", e.rzDegrees()), f("%.2f", e.txMm()), f("%.2f", e.tyMm()), f("%.2f", e.tzMm()),
                f("%.2f", e.rotationAngleDegrees()), f("%.2f", e.translationDistanceMm())});
        }
        String stages = "";
        if (rows.stream().allMatch(r -> r.stageTimes() != null)) {
            List<String[]> perStage = new ArrayList<>(List.<String[]>of(new String[] {"case", "vertebra", "first median", "first p95",
                "refine median", "refine p95"}, new String[] {"", "", "ms", "ms", "ms", "ms"}));
            for (EvaluationRow r : rows) {
                EvaluationRow.StageTimes st = r.stageTimes();
                perStage.add(new String[] {r.caseName(), r.vertebra(), f("%.1f", st.firstMedianMs()), f("%.1f", st.firstP95Ms()),
                    f("%.1f", st.refineMedianMs()), f("%.1f", st.refineP95Ms())});
            }
            stages = "\ntime per stage (first estimate, refinement)\n" + aligned(perStage);
        }
        return aligned(summary) + stages + "\nmean absolute error per parameter (rotation: angle of the relative rotation; translation: "
                + "distance of the centroids)\n" + aligned(perParameter);
    }

    private static String aligned(List<String[]> cells) {
        int[] width = new int[cells.get(0).length];
        for (String[] row : cells) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                String pad = " ".repeat(width[c] - row[c].length());
                line.append(c == 0 ? "" : "  ").append(c < 2 ? row[c] + pad : pad + row[c]);
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    private static String f(String format, double v) {
        return String.format(Locale.ROOT, format, v);
    }

    /** Six significant digits, the same in every CSV the evaluation writes. */
    static String csvNumber(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
