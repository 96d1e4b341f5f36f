package org.vertreg.registration.bench;

import java.nio.file.Path;
import java.util.Locale;
import org.vertreg.drr.DrrRenderer;
import org.vertreg.drr.SimulatedXrays;
import org.vertreg.evaluation.EvaluationCase;
import org.vertreg.evaluation.EvaluationProtocol;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.PoseSampler;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.registration.IntensityRefinement;
import org.vertreg.registration.RegistrationMetrics;
import org.vertreg.registration.Similarity;
import org.vertreg.registration.TargetPoints;

/** Scratch: similarity against depth offsets from the true pose, and refinement from the truth. */
public final class DepthProfile {
    static float[] smooth(float[] img, double sigma) {
        if (sigma <= 0) return img;
        int r = (int) Math.ceil(3 * sigma), w = (int) Math.round(Math.sqrt(img.length)), h = w;
        float[] k = new float[2 * r + 1]; double sum = 0;
        for (int i = -r; i <= r; i++) sum += Math.exp(-i * i / (2 * sigma * sigma));
        for (int i = -r; i <= r; i++) k[i + r] = (float) (Math.exp(-i * i / (2 * sigma * sigma)) / sum);
        float[] t = new float[img.length], o = new float[img.length];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) { float s = 0; for (int i = -r; i <= r; i++) s += k[i + r] * img[y * w + Math.max(0, Math.min(w - 1, x + i))]; t[y * w + x] = s; }
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) { float s = 0; for (int i = -r; i <= r; i++) s += k[i + r] * t[Math.max(0, Math.min(h - 1, y + i)) * w + x]; o[y * w + x] = s; }
        return o;
    }
    static Similarity named(String spec) {
        String[] p = spec.split(":");
        double sx = p.length > 1 ? Double.parseDouble(p[1]) : 0, sd = p.length > 2 ? Double.parseDouble(p[2]) : 0;
        if (p[0].equals("pncc")) {
            int patch = Integer.parseInt(p[3]);
            return new Similarity() {
                public String name() { return spec; }
                public Scorer against(float[] x, int c, int r) { float[] xs = smooth(x, sx * c / 128.0); int pp = Math.max(4, patch * c / 128); return d -> pncc(xs, smooth(d, sd * c / 128.0), c, pp); }
            };
        }
        if (p[0].equals("ncc")) {
            return new Similarity() {
                public String name() { return spec; }
                public Scorer against(float[] x, int c, int r) { float[] xs = smooth(x, sx); return d -> ncc(xs, smooth(d, sd)); }
            };
        }
        Similarity base = Similarity.named(p[0]);
        return new Similarity() {
            public String name() { return spec; }
            public Scorer against(float[] x, int c, int r) { Scorer s = base.against(smooth(x, sx * c / 128.0), c, r); return d -> s.score(smooth(d, sd * c / 128.0)); }
        };
    }
    static double pncc(float[] a, float[] b, int w, int patch) {
        double total = 0; int count = 0;
        for (int y0 = 0; y0 + patch <= w; y0 += patch / 2) for (int x0 = 0; x0 + patch <= w; x0 += patch / 2) {
            double sa = 0, sb = 0; int n = patch * patch;
            for (int y = y0; y < y0 + patch; y++) for (int x = x0; x < x0 + patch; x++) { sa += a[y * w + x]; sb += b[y * w + x]; }
            double ma = sa / n, mb = sb / n, ab = 0, aa = 0, bb = 0;
            for (int y = y0; y < y0 + patch; y++) for (int x = x0; x < x0 + patch; x++) { double da = a[y * w + x] - ma, db = b[y * w + x] - mb; ab += da * db; aa += da * da; bb += db * db; }
            if (bb > 1e-3 * n && aa > 0) { total += ab / Math.sqrt(aa * bb); count++; }
        }
        return count == 0 ? 0 : total / count;
    }
    static double ncc(float[] a, float[] b) {
        double sa = 0, sb = 0; int n = a.length;
        for (int i = 0; i < n; i++) { sa += a[i]; sb += b[i]; }
        double ma = sa / n, mb = sb / n, ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < n; i++) { double da = a[i] - ma, db = b[i] - mb; ab += da * db; aa += da * da; bb += db * db; }
        return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
    }
    public static void main(String[] a) throws Exception {
        EvaluationCase c = EvaluationCase.fromNifti(Path.of(a[0]), Path.of(a[1]), Integer.parseInt(a[2]));
        int n = Integer.parseInt(a[3]);
        Similarity sim = named(a[4]);
        CroppedVertebra crop = c.crop();
        CarmGeometry carm = CarmGeometry.defaults(crop.centroid());
        SimulatedXrays xrays = new SimulatedXrays(c.projected(crop), crop.centroid(), carm, new DrrRenderer());
        RegistrationMetrics metrics = new RegistrationMetrics(TargetPoints.of(crop), crop.centroid(), carm);
        PoseSampler sampler = new PoseSampler(EvaluationProtocol.DEFAULT_SEED, PoseSampler.Purpose.EVALUATION);
        IntensityRefinement refine = new IntensityRefinement(xrays, IntensityRefinement.Options.defaults(sim));
        double sumT = 0, sumD = 0; int bad = 0;
        for (int i = 0; i < n; i++) {
            Pose t = sampler.pose(i);
            float[] x = xrays.lowDose(t, sampler.auxiliarySeed(i));
            Similarity.Scorer s = sim.against(x, 128, 128);
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "pose %d:", i));
            double best = -9, bestD = 0;
            for (double d = -3; d <= 3.001; d += 0.5) {
                double v = s.score(xrays.drr(new Pose(t.rx(), t.ry(), t.rz(), t.tx(), t.ty() + d, t.tz())));
                sb.append(String.format(Locale.ROOT, " %.4f", v));
                if (v > best) { best = v; bestD = d; }
            }
            IntensityRefinement.Result r = refine.refine(x, t);
            var e = metrics.error(r.pose(), t);
            sb.append(String.format(Locale.ROOT, " | argmax %.1f | from truth: mTRE %.2f dty %.2f sim %.4f vs truth %.4f, %d evals %.0f ms",
                    bestD, e.mTreMm(), r.pose().ty() - t.ty(), r.similarity(), s.score(xrays.drr(t)), r.evaluations(), r.milliseconds()));
            if (a.length < 6) System.out.println(sb);
            sumT += e.mTreMm(); sumD += Math.abs(r.pose().ty() - t.ty()); if (e.mTreMm() > 1) bad++;
        }
        System.out.printf(Locale.ROOT, "%s: mean mTRE from truth %.2f, mean |dty| %.2f, over 1 mm %d/%d%n", a[4], sumT / n, sumD / n, bad, n);
    }
}
