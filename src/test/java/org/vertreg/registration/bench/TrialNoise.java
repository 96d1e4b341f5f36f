package org.vertreg.registration.bench;

import java.nio.file.Path;
import java.util.Locale;
import org.vertreg.drr.SimulatedXrays;
import org.vertreg.evaluation.EvaluationCase;
import org.vertreg.evaluation.EvaluationProtocol;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.PoseSampler;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.ProjectedAnatomy;
import org.vertreg.registration.ImageNoise;

/** Scratch: the noise σ of each protocol test X-ray of a case: {@code TrialNoise CT LABELS LEVEL POSES ANATOMY}. */
public final class TrialNoise {
    public static void main(String[] a) throws Exception {
        ProjectedAnatomy anatomy = ProjectedAnatomy.fromLabel(a[4]);
        EvaluationCase c = EvaluationCase.fromNifti(Path.of(a[0]), Path.of(a[1]), Integer.parseInt(a[2])).withAnatomy(anatomy);
        CroppedVertebra crop = c.crop();
        CarmGeometry carm = CarmGeometry.defaults(crop.centroid());
        SimulatedXrays xrays = SimulatedXrays.of(anatomy, c.projected(crop), crop.centroid(), carm);
        PoseSampler sampler = new PoseSampler(EvaluationProtocol.DEFAULT_SEED, PoseSampler.Purpose.EVALUATION);
        for (int i = 0; i < Integer.parseInt(a[3]); i++) {
            float[] x = xrays.lowDose(sampler.pose(i), sampler.auxiliarySeed(i));
            System.out.printf(Locale.ROOT, "%s,%d,%.4f%n", c.vertebra(), i, ImageNoise.sigma(x, 128, 128));
        }
    }
}
