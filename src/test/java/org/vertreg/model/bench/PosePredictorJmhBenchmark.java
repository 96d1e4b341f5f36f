package org.vertreg.model.bench;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Vector3;
import org.vertreg.model.prediction.PosePredictor;
import org.vertreg.model.store.DetectorGeometry;
import org.vertreg.model.store.ModelFiles;
import org.vertreg.model.store.ModelMetadata;
import org.vertreg.model.store.ValidationMetrics;
import org.vertreg.training.TinyPoseBlock;

/**
 * Batch-1 latency of a stored model through {@link PosePredictor} (pool borrow, input copy, main head out) against the
 * same block called directly through a DJL predictor with the input array made by hand: the difference is what the
 * predictor's plumbing costs. The block is the tests' tiny one (a strided 3×3 conv, batch norm, two linear heads on a
 * 128×128 input), so the plumbing is a large share here; the pose network takes ~20 ms per image. Run from the repo root:
 * <pre>
 * mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test
 * OPT_OUT_TRACKING=true java -Dai.djl.offline=true -cp target/test-classes:target/classes:$(cat target/bench-cp.txt) \
 *     org.openjdk.jmh.Main PosePredictorJmhBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// One PyTorch thread: at batch 1 a tiny block's time is mostly thread hand-off, which on a busy machine swamps the
// plumbing this measures (with the default 2 threads and other work running, single calls ranged from 1 to 30 ms).
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"})
public class PosePredictorJmhBenchmark {
    private Path folder;
    private Model direct;
    private Predictor<NDList, NDList> directPredictor;
    private PosePredictor stored;
    private float[] grey;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        grey = new float[128 * 128];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < grey.length; i++) {
            grey[i] = r.nextInt(256);
        }
        direct = Model.newInstance("direct");
        Block block = TinyPoseBlock.fromConfig(TinyPoseBlock.config(4));
        block.initialize(direct.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 128, 128));
        direct.setBlock(block);
        directPredictor = direct.newPredictor(new NoopTranslator(null));
        folder = Files.createTempDirectory("pose-bench");
        ModelMetadata metadata = new ModelMetadata(DetectorGeometry.of(CarmGeometry.defaults(Vector3.ZERO)), "DrrImageMapping",
                "tiny", TinyPoseBlock.config(4), "benchmark", 1, new ValidationMetrics(1, null, 0), "bench", Instant.EPOCH);
        new ModelFiles(folder).write("models/1/20/1", metadata, block);
        stored = PosePredictor.load(folder.resolve("models/1/20/1"), "bench", TinyPoseBlock::fromConfig, 1);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        stored.close();
        directPredictor.close();
        direct.close();
        try (var walk = Files.walk(folder)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public float[] blockDirectly() throws TranslateException {
        try (NDManager m = direct.getNDManager().newSubManager()) {
            return directPredictor.predict(new NDList(m.create(grey, new Shape(1, 1, 128, 128)))).get(0).toFloatArray();
        }
    }

    @Benchmark
    public double[] posePredictor() {
        return stored.predictNormalised(grey);
    }
}
