package org.vertreg.evaluation.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.vertreg.drr.SimulatedXrays;
import org.vertreg.drr.VertebraOutline;
import org.vertreg.evaluation.EvaluationCase;
import org.vertreg.evaluation.EvaluationProtocol;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.PoseSampler;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.OverlayImage;
import org.vertreg.imaging.ProjectedAnatomy;
import org.vertreg.model.store.ModelFiles;
import org.vertreg.registration.IntensityRefinement;
import org.vertreg.registration.NetworkPoseEstimator;
import org.vertreg.registration.QualityModel;
import org.vertreg.registration.RegistrationMetrics;
import org.vertreg.registration.Similarity;
import org.vertreg.registration.TargetPoints;
import org.vertreg.registration.VertebraRegistration;

/**
 * A contact sheet of registrations: the protocol's first test X-rays of a case, each with the vertebra's outline at the
 * network's pose (yellow) and at the refined pose (green), and the worst of them last, so a failure can be seen as it
 * looks. Usage: {@code ContactSheet CT LABELS LEVEL MODEL_DIR POSES OUT.png [SHOWN]}.
 */
public final class ContactSheet {
    private static final int SCALE = 2;

    record Shown(int index, float[] grey, VertebraRegistration.Outcome outcome, double firstMm, double refinedMm) {
    }

    public static void main(String[] args) throws IOException {
        EvaluationCase testCase = EvaluationCase.fromNifti(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[2]));
        Path model = Path.of(args[3]);
        int poses = Integer.parseInt(args[4]), shown = args.length > 6 ? Integer.parseInt(args[6]) : 6;
        ProjectedAnatomy anatomy = ProjectedAnatomy.fromLabel(ModelFiles.readMetadataIn(model).projectedAnatomy());
        testCase = testCase.withAnatomy(anatomy);
        CroppedVertebra crop = testCase.crop();
        CarmGeometry carm = CarmGeometry.defaults(crop.centroid());
        SimulatedXrays xrays = SimulatedXrays.of(anatomy, testCase.projected(crop), crop.centroid(), carm);
        SimulatedXrays alone = SimulatedXrays.of(ProjectedAnatomy.VERTEBRA_ALONE, crop.vertebraAlone(), crop.centroid(), carm);
        RegistrationMetrics metrics = new RegistrationMetrics(TargetPoints.of(crop), crop.centroid(), carm);
        PoseSampler sampler = new PoseSampler(EvaluationProtocol.DEFAULT_SEED, PoseSampler.Purpose.EVALUATION);
        List<Shown> all = new ArrayList<>();
        try (NetworkPoseEstimator network = NetworkPoseEstimator.load(model)) {
            VertebraRegistration registration = new VertebraRegistration(network,
                    new IntensityRefinement(xrays, IntensityRefinement.Options.defaults(Similarity.named("robust"), anatomy)), QualityModel.calibrated(anatomy));
            for (int i = 0; i < poses; i++) {
                Pose truth = sampler.pose(i);
                float[] grey = xrays.lowDose(truth, sampler.auxiliarySeed(i));
                VertebraRegistration.Outcome o = registration.register(grey, carm);
                all.add(new Shown(i, grey, o, metrics.error(o.first(), truth).mTreMm(), metrics.error(o.refined(), truth).mTreMm()));
            }
        }
        Shown worst = all.stream().max(Comparator.comparingDouble(Shown::refinedMm)).orElseThrow();
        List<Shown> picked = new ArrayList<>(all.stream().filter(s -> s != worst).limit(shown - 1).toList());
        picked.add(worst);
        int tile = carm.columns() * SCALE, columns = 3, rows = (picked.size() + columns - 1) / columns;
        BufferedImage sheet = new BufferedImage(columns * tile, rows * tile, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        for (int k = 0; k < picked.size(); k++) {
            Shown s = picked.get(k);
            VertebraOutline first = VertebraOutline.at(alone, s.outcome().first(), SCALE);
            VertebraOutline refined = VertebraOutline.at(alone, s.outcome().refined(), SCALE);
            BufferedImage image = OverlayImage.of(s.grey(), carm.columns(), carm.rows(), SCALE)
                    .outline(first.edge(), first.columns(), first.rows(), Color.YELLOW, "network")
                    .outline(refined.edge(), refined.columns(), refined.rows(), Color.GREEN, "refined")
                    .legend(List.of(String.format(Locale.ROOT, "pose %d%s", s.index(), k == picked.size() - 1 ? " (worst)" : ""),
                            String.format(Locale.ROOT, "network %.1f mm", s.firstMm()),
                            String.format(Locale.ROOT, "refined %.2f mm", s.refinedMm()),
                            String.format(Locale.ROOT, "quality %.2f%s", s.outcome().quality().score(),
                                    s.outcome().quality().lowConfidence() ? " LOW" : "")))
                    .toRgb();
            g.drawImage(image, (k % columns) * tile, (k / columns) * tile, tile, tile, null);
        }
        g.dispose();
        ImageIO.write(sheet, "png", Path.of(args[5]).toFile());
        System.out.printf(Locale.ROOT, "wrote %s: %d tiles of %s, worst refined mTRE %.2f mm (pose %d)%n", args[5], picked.size(),
                anatomy.label(), picked.get(picked.size() - 1).refinedMm(), picked.get(picked.size() - 1).index());
    }
}
