package org.vertreg.drr;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.vertreg.imaging.Volume;
import org.vertreg.imaging.VolumeGrid;

/**
 * Rough timing of one DRR as the model uses it: 128×128 detector of 1 mm pixels, source-to-detector
 * 1000 mm, source-to-isocentre 600 mm, a 64³ crop of 1 mm voxels. Not a test; run by hand:
 * <pre>
 * mvn -o -q test-compile
 * java -cp target/classes:target/test-classes org.vertreg.drr.DrrBenchmark [stepVoxels [n]]
 * </pre>
 * The thread CPU time of the sequential render is printed too: on a busy machine it is the steadier figure.
 */
public final class DrrBenchmark {
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        VolumeGrid grid = Phantoms.centredGrid(n, 64.0 / n);
        SplittableRandom rnd = new SplittableRandom(1);
        float[] hu = new float[grid.voxelCount()];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    double h = n / 2.0, r = 64.0 / n * Math.sqrt((i - h) * (i - h) + (j - h) * (j - h) + 0.3 * (k - h) * (k - h));
                    hu[grid.index(i, j, k)] = (float) (r < 20 ? 300 + rnd.nextDouble(-50, 50) : 40 + rnd.nextDouble(-20, 20));
                }
            }
        }
        AttenuationVolume vol = AttenuationVolume.of(new Volume(grid, hu));
        ProjectionGeometry view = Phantoms.viewAlongY(600, 1000, 128, 128, 1.0);
        float[] out = new float[view.pixelCount()];
        double step = args.length > 0 ? Double.parseDouble(args[0]) : DrrRenderer.DEFAULT_STEP_VOXELS;
        for (DrrRenderer.Sampling sampling : DrrRenderer.Sampling.values()) {
            for (boolean parallel : new boolean[] {false, true}) {
                DrrRenderer renderer = new DrrRenderer(sampling, step, parallel);
                for (int i = 0; i < 500; i++) {
                    renderer.render(vol, view, out);
                }
                long[] times = new long[1000];
                long[] cpu = new long[times.length];
                for (int i = 0; i < times.length; i++) {
                    long c0 = THREADS.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    renderer.render(vol, view, out);
                    times[i] = System.nanoTime() - t0;
                    cpu[i] = THREADS.getCurrentThreadCpuTime() - c0;
                }
                Arrays.sort(times);
                Arrays.sort(cpu);
                if (!parallel) {
                    System.out.printf("%s sequential CPU time of the rendering thread: median %.3f ms, min %.3f ms%n", sampling,
                            cpu[500] / 1e6, cpu[0] / 1e6);
                }
                System.out.printf("%s %s on %d cores: median %.3f ms, p10 %.3f ms, p90 %.3f ms (centre pixel %.4f)%n", sampling,
                        parallel ? "parallel" : "sequential", Runtime.getRuntime().availableProcessors(), times[500] / 1e6,
                        times[100] / 1e6, times[900] / 1e6, out[64 * 128 + 64]);
            }
        }
    }
}
