package org.vertreg.registration.bench;

import java.nio.file.Path;
import java.util.Locale;
import org.vertreg.drr.SimulatedXrays;
import org.vertreg.evaluation.EvaluationCase;
import org.vertreg.evaluation.EvaluationProtocol;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.PoseSampler;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.ProjectedAnatomy;
import org.vertreg.registration.IntensityRefinement;
import org.vertreg.registration.RegistrationMetrics;
import org.vertreg.registration.Similarity;
import org.vertreg.registration.TargetPoints;

/**
 * What refinement cannot do better than: refined from the true pose itself, where does the similarity's optimum sit on
 * the protocol's low-dose X-rays? Any error left is the similarity's (noise, artefacts), not the search's. Usage:
 * {@code RefinementFloor CT LABELS LEVEL POSES SIMILARITY [X-RAY ANATOMY [DRR ANATOMY [START OFFSET]]]}: the X-rays and
 * the refinement's DRRs show the vertebra alone unless told, the DRRs what the X-rays show unless told; the start is the
 * true pose, or the true pose plus an offset rx,ry,rz,tx,ty,tz (a capture test).
 */
public final class RefinementFloor {
    /** The defaults, or budgets and depth range from the system properties coarse, fine and depth (a bench knob). */
    static IntensityRefinement.Options options(Similarity similarity) {
        IntensityRefinement.Options d = IntensityRefinement.Options.defaults(similarity);
        return new IntensityRefinement.Options(similarity, d.rotationRange(), d.translationRange(),
                Double.parseDouble(System.getProperty("depth", Double.toString(d.depthRange()))),
                Integer.getInteger("coarse", d.coarseEvaluations()), Integer.getInteger("fine", d.fineEvaluations()), d.seed());
    }

    public static void main(String[] args) throws Exception {
        ProjectedAnatomy anatomy = ProjectedAnatomy.fromLabel(args.length > 5 ? args[5] : "vertebra-alone");
        EvaluationCase c = EvaluationCase.fromNifti(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[2])).withAnatomy(anatomy);
        int poses = Integer.parseInt(args[3]);
        Similarity similarity = Similarity.named(args[4]);
        CroppedVertebra crop = c.crop();
        CarmGeometry carm = CarmGeometry.defaults(crop.centroid());
        SimulatedXrays xrays = SimulatedXrays.of(anatomy, c.projected(crop), crop.centroid(), carm);
        ProjectedAnatomy drrAnatomy = args.length > 6 ? ProjectedAnatomy.fromLabel(args[6]) : anatomy;
        SimulatedXrays drrs = SimulatedXrays.of(drrAnatomy, c.withAnatomy(drrAnatomy).projected(crop), crop.centroid(), carm);
        RegistrationMetrics metrics = new RegistrationMetrics(TargetPoints.of(crop), crop.centroid(), carm);
        PoseSampler sampler = new PoseSampler(EvaluationProtocol.DEFAULT_SEED, PoseSampler.Purpose.EVALUATION);
        IntensityRefinement refinement = new IntensityRefinement(drrs, options(similarity));
        double tre = 0, depth = 0, signedDepth = 0, worst = 0;
        int over2 = 0;
        double[] ms = new double[poses];
        for (int i = 0; i < poses; i++) {
            Pose truth = sampler.pose(i);
            Pose start = truth;
            if (args.length > 7) {
                String[] o = args[7].split(",");
                start = new Pose(truth.rx() + Double.parseDouble(o[0]), truth.ry() + Double.parseDouble(o[1]), truth.rz() + Double.parseDouble(o[2]),
                        truth.tx() + Double.parseDouble(o[3]), truth.ty() + Double.parseDouble(o[4]), truth.tz() + Double.parseDouble(o[5]));
            }
            IntensityRefinement.Result r = refinement.refine(xrays.lowDose(truth, sampler.auxiliarySeed(i)), start);
            double e = metrics.error(r.pose(), truth).mTreMm();
            ms[i] = r.milliseconds();
            tre += e / poses;
            depth += Math.abs(r.pose().ty() - truth.ty()) / poses;
            signedDepth += (r.pose().ty() - truth.ty()) / poses;
            worst = Math.max(worst, e);
            over2 += e >= 2 ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "%s level %s, %s X-rays, %s DRRs, %s from the true pose%s, %d poses: mTRE mean %.2f mm, |ty| mean %.2f mm (signed %+.2f), worst %.2f mm, "
                + "%d at 2 mm or more; refinement median %.0f ms%n", c.name(), c.vertebra(), anatomy.label(), drrAnatomy.label(), similarity.name(), args.length > 7 ? " + " + args[7] : "", poses, tre, depth, signedDepth, worst, over2, median(ms));
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
