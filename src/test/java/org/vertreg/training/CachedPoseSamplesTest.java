package org.vertreg.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.geometry.PoseSampler.Purpose;

class CachedPoseSamplesTest {

    @Test
    void theCacheHoldsExactlyTheSourcesSamples(@TempDir Path dir) throws Exception {
        DrrPoseSamples source = PhantomXrays.samples(12, 4, Purpose.TRAINING, true);
        assertSameSamples(source, CachedPoseSamples.inMemory(source));
        assertSameSamples(source, CachedPoseSamples.onDisk(source, dir.resolve("train.samples")));
        assertEquals(12L * 16 * 128 * 128 / 16 + 20 + 12 * 24, Files.size(dir.resolve("train.samples")), "8 bits per pixel");
    }

    @Test
    void aFileIsReusedForTheSameSamplesAndRemadeForOthers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("train.samples");
        CachedPoseSamples.onDisk(PhantomXrays.samples(6, 4, Purpose.TRAINING, false), file);
        long written = Files.getLastModifiedTime(file).toMillis();
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(written - 60_000));
        CachedPoseSamples.onDisk(PhantomXrays.samples(6, 4, Purpose.TRAINING, false), file);
        assertEquals(written - 60_000, Files.getLastModifiedTime(file).toMillis(), "the same samples: the file is kept");

        DrrPoseSamples other = PhantomXrays.samples(6, 5, Purpose.TRAINING, false);
        assertSameSamples(other, CachedPoseSamples.onDisk(other, file));
        assertNotEquals(written - 60_000, Files.getLastModifiedTime(file).toMillis(), "other samples: the file is remade");

        Files.write(file, new byte[] {1, 2, 3});
        assertSameSamples(other, CachedPoseSamples.onDisk(other, file));
    }

    @Test
    void freshSamplesEveryEpochCannotBeCached() {
        DrrPoseSamples fresh = new DrrPoseSamples(PhantomXrays.get(),
                DrrPoseSamples.Options.of(4, 1, Purpose.TRAINING).withRefreshEachEpoch(true));
        assertThrows(IllegalArgumentException.class, () -> CachedPoseSamples.inMemory(fresh));
    }

    private static void assertSameSamples(PoseSamples expected, PoseSamples actual) {
        assertEquals(expected.size(), actual.size());
        assertEquals(expected.columns(), actual.columns());
        assertEquals(expected.rows(), actual.rows());
        for (int i = 0; i < expected.size(); i++) {
            float[] a = new float[expected.pixels()], b = new float[expected.pixels()], pa = new float[6], pb = new float[6];
            expected.fill(i, a, pa);
            actual.fill(i, b, pb);
            assertArrayEquals(a, b, "image " + i);
            assertArrayEquals(pa, pb, "pose " + i);
        }
    }
}
