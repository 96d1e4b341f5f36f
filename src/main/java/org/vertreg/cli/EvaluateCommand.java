package org.vertreg.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vertreg.evaluation.CaseTrials;
import org.vertreg.evaluation.Evaluation;
import org.vertreg.evaluation.EvaluationCase;
import org.vertreg.evaluation.EvaluationProtocol;
import org.vertreg.evaluation.EvaluationTable;
import org.vertreg.evaluation.QualityCalibration;
import org.vertreg.evaluation.QualitySeparation;
import org.vertreg.evaluation.TrialsCsv;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.Vector3;
import org.vertreg.imaging.ProjectedAnatomy;
import org.vertreg.model.store.ModelFiles;
import org.vertreg.registration.IntensityRefinement;
import org.vertreg.registration.NetworkPoseEstimator;
import org.vertreg.registration.QualityModel;
import org.vertreg.registration.Similarity;
import org.vertreg.registration.VertebraRegistration;

/**
 * {@code evaluate}: the evaluation protocol of DESIGN.md §4 for trained models on any CT, one table per case and vertebra
 * and overall, as text and CSV.
 */
public final class EvaluateCommand {

    static final String USAGE = """
            usage: evaluate --case CT.nii[.gz]:LABELS.nii[.gz]:LEVEL:MODEL_DIR [--case ...]
                            [--poses N] [--seed S] [--no-low-dose] [--baseline] [--refine SIMILARITY]
                            [--optimisation-only SIMILARITY[,SIMILARITY...]] [--fit-quality] [--anatomy ANATOMY]
                            [--csv FILE] [--trials FILE]
              Registers N simulated X-rays per case (poses uniform in ±18° and ±10 mm from the evaluation stream of
              seed S, never a training pose; low-dose simulation on unless --no-low-dose) with the model in MODEL_DIR
              (the network alone) and prints mTRE, mPD, MAE, success (mTRE < 2 mm) and gross-failure (mTRE > 10 mm)
              rates and time per registration, per case and vertebra and overall.
              --case         a CT, its label map, the vertebra's label and the model trained for it; instead of
                             LABELS:LEVEL a point X,Y,Z (LPS mm) on the vertebra may be given (its 80 mm cube is projected)
              --poses        test poses per case (default 100)
              --seed         evaluation seed (default the protocol's fixed seed)
              --baseline     also score the constant identity pose, the error of not registering at all
              --refine       also the network's pose refined against DRRs by SIMILARITY (robust, gc, ngi, go, patch-gc), with
                             the time of each stage and how well the quality score separates good from bad results
              --optimisation-only
                             also refinement alone from the reference pose, as the paper's OPT baselines, once per
                             similarity listed
              --anatomy      what the test X-rays show: vertebra-alone (the method's images) or whole-ct (the whole CT
                             moved with the vertebra, as a C-arm sees it); default: what each model was trained on
              --fit-quality  fit the quality score to the refined registrations and print the model (needs --refine)
              --csv          also write the table (of the network alone) as CSV
              --trials       also write every registration as CSV: true and estimated pose, errors, time; the refined
                             and optimisation-only runs go beside it (FILE-refined-gc.csv, FILE-optimised-ngi.csv, ...)
              Exit code 0 on success, 2 on any error.
            """;

    private EvaluateCommand() {}

    static final CommandLine.Command COMMAND = new CommandLine.Command("evaluate", USAGE, EvaluateCommand::parse, EvaluateCommand::evaluate);

    /** One --case, parsed. */
    record CaseSpec(Path ct, Path labels, int level, Vector3 point, Path model) {

        static CaseSpec parse(String text) {
            String[] f = text.split(":");
            if (f.length == 4) {
                return new CaseSpec(Path.of(f[0]), Path.of(f[1]), CommandLine.positive(f[2], "LEVEL"), null, Path.of(f[3]));
            }
            if (f.length == 3) {
                double[] p = DrrCommand.numbers(f[1], 3, "point");
                return new CaseSpec(Path.of(f[0]), null, 0, new Vector3(p[0], p[1], p[2]), Path.of(f[2]));
            }
            throw new IllegalArgumentException("--case takes CT:LABELS:LEVEL:MODEL_DIR or CT:X,Y,Z:MODEL_DIR, got " + text);
        }

        EvaluationCase load() throws IOException {
            return labels != null ? EvaluationCase.fromNifti(ct, labels, level) : EvaluationCase.fromNifti(ct, point);
        }
    }

    private static Map<String, String> parse(String[] args) {
        List<String> withValue = List.of("--poses", "--seed", "--csv", "--trials", "--refine", "--optimisation-only", "--anatomy");
        Map<String, String> o = new HashMap<>();
        List<String> cases = new ArrayList<>();
        for (int a = 0; a < args.length; a++) {
            String name = args[a];
            if (name.equals("--help") || name.equals("-h")) {
                return Map.of("--help", "");
            }
            if (name.equals("--no-low-dose") || name.equals("--baseline") || name.equals("--fit-quality")) {
                o.put(name, "");
                continue;
            }
            if (!name.equals("--case") && !withValue.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name);
            }
            if (a + 1 == args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++a];
            if (name.equals("--case")) {
                CaseSpec.parse(value);
                cases.add(value);
            } else if (o.put(name, value) != null) {
                throw new IllegalArgumentException(name + " given twice");
            }
        }
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("at least one --case is required");
        }
        o.put("--case", String.join("\n", cases));
        if (o.containsKey("--poses")) {
            CommandLine.positive(o.get("--poses"), "--poses");
        }
        if (o.containsKey("--seed")) {
            CommandLine.seed(o.get("--seed"));
        }
        if (o.containsKey("--refine")) {
            Similarity.named(o.get("--refine"));
        }
        if (o.containsKey("--optimisation-only")) {
            similarities(o.get("--optimisation-only"));
        }
        if (o.containsKey("--anatomy")) {
            ProjectedAnatomy.fromLabel(o.get("--anatomy"));
        }
        if (o.containsKey("--fit-quality") && !o.containsKey("--refine")) {
            throw new IllegalArgumentException("--fit-quality fits the refined registrations: give --refine too");
        }
        return o;
    }

    private static void evaluate(Map<String, String> o, PrintStream out) throws IOException {
        EvaluationProtocol protocol = EvaluationProtocol.defaults().withLowDose(!o.containsKey("--no-low-dose"));
        if (o.containsKey("--poses")) {
            protocol = protocol.withPoses(CommandLine.positive(o.get("--poses"), "--poses"));
        }
        if (o.containsKey("--seed")) {
            protocol = protocol.withSeed(CommandLine.seed(o.get("--seed")));
        }
        Evaluation evaluation = new Evaluation(protocol);
        Similarity refine = o.containsKey("--refine") ? Similarity.named(o.get("--refine")) : null;
        List<Similarity> optimiseOnly = o.containsKey("--optimisation-only") ? similarities(o.get("--optimisation-only")) : List.of();
        List<CaseTrials> network = new ArrayList<>(), refined = new ArrayList<>(), identity = new ArrayList<>();
        Map<Similarity, List<CaseTrials>> optimised = new LinkedHashMap<>();
        for (String text : o.get("--case").split("\n")) {
            CaseSpec spec = CaseSpec.parse(text);
            if (!Files.isDirectory(spec.model())) {
                throw new IllegalArgumentException("no model folder " + spec.model());
            }
            ProjectedAnatomy anatomy = ProjectedAnatomy.fromLabel(o.containsKey("--anatomy") ? o.get("--anatomy")
                    : ModelFiles.readMetadataIn(spec.model()).projectedAnatomy());
            EvaluationCase testCase = spec.load().withAnatomy(anatomy);
            QualityModel quality = QualityModel.calibrated(anatomy);
            out.println("case " + testCase.name() + " " + testCase.vertebra() + ": X-rays of the " + anatomy.label().replace('-', ' '));
            try (NetworkPoseEstimator estimator = NetworkPoseEstimator.load(spec.model())) {
                network.add(evaluation.run(testCase, estimator));
                if (refine != null) {
                    refined.add(evaluation.runRegistration(testCase, xrays -> new VertebraRegistration(estimator,
                            new IntensityRefinement(xrays, IntensityRefinement.Options.defaults(refine, anatomy)), quality)));
                }
            }
            for (Similarity similarity : optimiseOnly) {
                optimised.computeIfAbsent(similarity, k -> new ArrayList<>()).add(evaluation.runRegistration(testCase,
                        xrays -> new VertebraRegistration((grey, carm) -> Pose.identity(),
                                new IntensityRefinement(xrays, IntensityRefinement.Options.fromReferencePose(similarity)), quality)));
            }
            if (o.containsKey("--baseline")) {
                identity.add(evaluation.run(testCase, (grey, carm) -> Pose.identity()));
            }
        }
        EvaluationTable table = EvaluationTable.of(network);
        out.printf("network alone, %d poses per case, low-dose %s, seed %d%n", protocol.poses(), protocol.lowDose() ? "on" : "off",
                protocol.seed());
        out.print(table.toText());
        if (!refined.isEmpty()) {
            out.println("network + refinement (" + refine.name() + ")");
            out.print(EvaluationTable.of(refined).toText());
            out.print(QualitySeparation.of(refined).toText());
        }
        for (Map.Entry<Similarity, List<CaseTrials>> run : optimised.entrySet()) {
            out.println("optimisation only (" + run.getKey().name() + ") from the reference pose");
            out.print(EvaluationTable.of(run.getValue()).toText());
            out.print(QualitySeparation.of(run.getValue()).toText());
        }
        if (!identity.isEmpty()) {
            out.println("baseline: the identity pose (no registration)");
            out.print(EvaluationTable.of(identity).toText());
        }
        if (o.containsKey("--fit-quality")) {
            QualityModel fitted = QualityCalibration.fit(refined);
            out.printf(Locale.ROOT, "quality model fitted to the refined registrations: intercept %.6g, per similarity %.6g, per mm of "
                    + "disagreement %.6g, per grey level of noise %.6g, threshold %.6g, trusted up to noise %.6g%n", fitted.intercept(),
                    fitted.perSimilarity(), fitted.perDisagreementMm(), fitted.perNoiseSigma(), fitted.threshold(), fitted.maxNoiseSigma());
            out.print("with it, " + QualitySeparation.of(refined, fitted).toText());
        }
        if (o.containsKey("--csv")) {
            table.writeCsv(Path.of(o.get("--csv")));
            out.println("wrote " + o.get("--csv"));
        }
        if (o.containsKey("--trials")) {
            Path trials = Path.of(o.get("--trials"));
            TrialsCsv.write(network, trials);
            out.println("wrote " + trials);
            if (!refined.isEmpty()) {
                Path file = beside(trials, "refined-" + refine.name());
                TrialsCsv.write(refined, file);
                out.println("wrote " + file);
            }
            for (Map.Entry<Similarity, List<CaseTrials>> run : optimised.entrySet()) {
                Path file = beside(trials, "optimised-" + run.getKey().name());
                TrialsCsv.write(run.getValue(), file);
                out.println("wrote " + file);
            }
        }
    }

    /** FILE.csv → FILE-suffix.csv, in the same folder. */
    static Path beside(Path file, String suffix) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name, extension = dot > 0 ? name.substring(dot) : ".csv";
        return file.resolveSibling(stem + "-" + suffix + extension);
    }

    static List<Similarity> similarities(String list) {
        List<Similarity> named = new ArrayList<>();
        for (String name : list.split(",")) {
            named.add(Similarity.named(name.strip()));
        }
        return named;
    }
}
