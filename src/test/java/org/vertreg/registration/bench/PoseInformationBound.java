package org.vertreg.registration.bench;

import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.vertreg.drr.SimulatedXrays;
import org.vertreg.evaluation.EvaluationCase;
import org.vertreg.evaluation.EvaluationProtocol;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.PoseSampler;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.ProjectedAnatomy;

/**
 * How precisely one low-dose view could fix each pose parameter: the Cramér–Rao bound under the low-dose model's fog
 * noise alone (white, σ = 255·f·n/√12 before the detector's blur, which an efficient estimator can undo), the X-ray
 * being (1 − f)·DRR times an unknown contrast plus an unknown brightness. The DRR's derivatives are central differences
 * of ±0.25° and ±0.25 mm; the bound is the diagonal of the inverse Fisher information over the six pose parameters and
 * the two grey-value nuisances. Artefacts, blur mismatch and the 8-bit rounding are left out: a floor below what any
 * similarity reaches, to say how far a similarity is from the information in the image. Usage:
 * {@code PoseInformationBound CT LABELS LEVEL POSES [FOG NOISE_MIX]} (defaults 0.25 and 0.4, the middle of the ranges).
 */
public final class PoseInformationBound {
    public static void main(String[] args) throws Exception {
        EvaluationCase c = EvaluationCase.fromNifti(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[2]))
                .withAnatomy(ProjectedAnatomy.VERTEBRA_ALONE);
        int poses = Integer.parseInt(args[3]);
        double fog = args.length > 4 ? Double.parseDouble(args[4]) : 0.25, mix = args.length > 5 ? Double.parseDouble(args[5]) : 0.4;
        double noise = 255 * fog * mix / Math.sqrt(12);
        CroppedVertebra crop = c.crop();
        SimulatedXrays xrays = SimulatedXrays.of(ProjectedAnatomy.VERTEBRA_ALONE, c.projected(crop), crop.centroid(),
                CarmGeometry.defaults(crop.centroid()));
        PoseSampler sampler = new PoseSampler(EvaluationProtocol.DEFAULT_SEED, PoseSampler.Purpose.EVALUATION);
        String[] names = {"rx °", "ry °", "rz °", "tx mm", "ty mm", "tz mm"};
        for (int k = 0; k < poses; k++) {
            Pose p = sampler.pose(k);
            double[] v = {p.rx(), p.ry(), p.rz(), p.tx(), p.ty(), p.tz()};
            float[] at = xrays.drr(p);
            double[][] jacobian = new double[at.length][8];
            for (int i = 0; i < 6; i++) {
                double h = 0.25;
                double[] up = v.clone(), down = v.clone();
                up[i] += h;
                down[i] -= h;
                float[] a = xrays.drr(new Pose(up[0], up[1], up[2], up[3], up[4], up[5]));
                float[] b = xrays.drr(new Pose(down[0], down[1], down[2], down[3], down[4], down[5]));
                for (int j = 0; j < at.length; j++) {
                    jacobian[j][i] = (1 - fog) * (a[j] - b[j]) / (2 * h);
                }
            }
            for (int j = 0; j < at.length; j++) {
                jacobian[j][6] = at[j]; // contrast
                jacobian[j][7] = 1; // brightness
            }
            RealMatrix j = new Array2DRowRealMatrix(jacobian, false);
            RealMatrix bound = new LUDecomposition(j.transpose().multiply(j).scalarMultiply(1 / (noise * noise))).getSolver().getInverse();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s level %s pose %d, fog %.2f, noise mix %.2f: standard deviation at best",
                    c.name(), c.vertebra(), k, fog, mix));
            for (int i = 0; i < 6; i++) {
                line.append(String.format(Locale.ROOT, " %s %.3f", names[i], Math.sqrt(bound.getEntry(i, i))));
            }
            System.out.println(line);
        }
    }
}
