package org.vertreg.evaluation.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vertreg.evaluation.CaseTrials;
import org.vertreg.evaluation.QualityCalibration;
import org.vertreg.evaluation.QualitySeparation;
import org.vertreg.evaluation.RegistrationTrial;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.PoseError;
import org.vertreg.registration.QualityModel;
import org.vertreg.registration.RegistrationError;

/**
 * The quality model fitted to refined trials written by {@code evaluate --refine --trials} in several runs (one run per
 * group of cases, as a busy machine is best used), and its separation: {@code FitQuality TRIALS.csv...}. Only the
 * columns the fit reads are taken; the rest of each trial is a placeholder.
 */
public final class FitQuality {
    public static void main(String[] args) throws IOException {
        List<RegistrationTrial> trials = new ArrayList<>();
        QualityModel unused = new QualityModel(0, 0, 0, 0, 0.5);
        for (String file : args) {
            List<String> lines = Files.readAllLines(Path.of(file));
            List<String> header = Arrays.asList(lines.get(0).split(","));
            // the first refinement's columns where the file has them, as QualityCalibration fits
            boolean first = header.contains("first_refined_mtre_mm");
            int mTre = header.indexOf(first ? "first_refined_mtre_mm" : "mtre_mm"),
                    similarity = header.indexOf(first ? "first_refined_similarity" : "similarity"),
                    disagreement = header.indexOf(first ? "first_refined_disagreement_mm" : "disagreement_mm"), noise = header.indexOf("noise_sigma");
            for (String line : lines.subList(1, lines.size())) {
                // Case names may be quoted with commas: count columns from the end, which holds only numbers.
                String[] f = line.split(",");
                int shift = f.length - header.size();
                double e = Double.parseDouble(f[mTre + shift]);
                RegistrationError error = new RegistrationError(e, 0, 0, new PoseError(0, 0, 0, 0, 0, 0, 0, 0));
                trials.add(new RegistrationTrial(trials.size(), Pose.identity(), Pose.identity(), error, 0,
                        new RegistrationTrial.Stages(Pose.identity(), error, 0, 0, unused.assess(Double.parseDouble(f[similarity + shift]),
                                Double.parseDouble(f[disagreement + shift]), Double.parseDouble(f[noise + shift])))));
            }
        }
        List<CaseTrials> all = List.of(new CaseTrials("all", "all", trials));
        QualityModel fitted = QualityCalibration.fit(all);
        System.out.printf(Locale.ROOT, "%d trials; fitted: intercept %.6g, per similarity %.6g, per mm of disagreement %.6g, per grey level "
                + "of noise %.6g, threshold %.6g, trusted up to noise %.6g%n", trials.size(), fitted.intercept(), fitted.perSimilarity(),
                fitted.perDisagreementMm(), fitted.perNoiseSigma(), fitted.threshold(), fitted.maxNoiseSigma());
        System.out.print("with it, " + QualitySeparation.of(all, fitted).toText());
    }
}
