package org.vertreg.drr.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.RunnerException;
import org.vertreg.drr.AttenuationVolume;
import org.vertreg.drr.DrrRenderer;
import org.vertreg.drr.ProjectionGeometry;
import org.vertreg.geometry.Pose;

/**
 * Average time per DRR with the default renderer (parallel over rows, default step) for
 * <ul>
 * <li>{@code L3_128}: the L3 vertebra alone (its voxels on air), 128×128,</li>
 * <li>{@code CT_128}, {@code CT_256}: the whole abdomen CT, 128×128 and 256×256,</li>
 * </ul>
 * each with {@code TRILINEAR} and {@code SLICE_BILINEAR} sampling; 1 mm pixels, SDD 1000 mm, SOD 600 mm, isocentre at the
 * L3 centroid; one invocation renders {@link #POSES} in turn and counts as that many operations. Run from the repo root:
 * <pre>
 * mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test
 * OPT_OUT_TRACKING=true java -Dai.djl.offline=true -cp target/test-classes:target/classes:$(cat target/bench-cp.txt) \
 *     org.openjdk.jmh.Main DrrJmhBenchmark -f 1 -wi 3 -i 5
 * </pre>
 * or {@code bench/drr-throughput.sh}, which also times plastimatch. {@link #main} runs the same with those defaults.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dai.djl.offline=true")
public class DrrJmhBenchmark {

    /** Identity and three poses within ±18°, ±10 mm (rx, ry, rz in degrees, then tx, ty, tz in mm). */
    static final Pose[] POSES = {
        Pose.identity(),
        new Pose(12, -8, 5, 4, -6, 3),
        new Pose(-15, 10, -12, -8, 5, -4),
        new Pose(6, 17, -3, 2, 9, -9),
    };

    @Param({"L3_128", "CT_128", "CT_256"})
    public String scene;

    @Param({"TRILINEAR", "SLICE_BILINEAR"})
    public String sampling;

    private AttenuationVolume volume;
    private ProjectionGeometry[] views;
    private DrrRenderer renderer;
    private float[] out;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        DrrBenchData data = DrrBenchData.load();
        int size = scene.endsWith("256") ? 256 : 128;
        volume = DrrBenchData.mu(scene.startsWith("L3") ? data.vertebraAlone : data.wholeCt);
        views = new ProjectionGeometry[POSES.length];
        for (int i = 0; i < POSES.length; i++) {
            views[i] = data.view(size, POSES[i]);
        }
        renderer = new DrrRenderer(DrrRenderer.Sampling.valueOf(sampling), DrrRenderer.DEFAULT_STEP_VOXELS, true);
        out = new float[size * size];
    }

    @Benchmark
    @OperationsPerInvocation(4)
    public void render(Blackhole bh) {
        for (ProjectionGeometry view : views) {
            renderer.render(volume, view, out);
            bh.consume(out[out.length / 2]);
        }
    }

    /** Runs this benchmark; extra arguments go to JMH (e.g. {@code -wi 1 -i 3 -rf csv -rff out.csv}). */
    public static void main(String[] args) throws RunnerException, IOException {
        String[] all = new String[args.length + 1];
        all[0] = DrrJmhBenchmark.class.getSimpleName();
        System.arraycopy(args, 0, all, 1, args.length);
        org.openjdk.jmh.Main.main(all);
    }
}
