package org.vertreg.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.geometry.Vector3;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.Volume;
import org.vertreg.imaging.VolumeGrid;

/** The targets registrations keep: read once, read again when their files change, dropped beyond the memory budget. */
class RegistrationTargetsTest {
    @TempDir
    Path dir;

    /** A target of n³ voxels: 4 n³ bytes (its crop projected, as a whole-CT model's target is not; enough here). */
    static RegistrationTargets.Target target(int n) {
        Volume v = new Volume(VolumeGrid.axisAligned(n, n, n, new double[] {1, 1, 1}, new double[] {0, 0, 0}), new float[n * n * n]);
        return new RegistrationTargets.Target(new CroppedVertebra(v, Optional.empty(), new Vector3(0, 0, 0), 22), v);
    }

    Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void aTargetIsReadOnceAndKeptForTheNextXray() throws Exception {
        RegistrationTargets targets = new RegistrationTargets(1 << 20);
        Path ct = file("ct.nii.gz", "ct");
        AtomicInteger reads = new AtomicInteger();
        RegistrationTargets.Found first = targets.get("s/22", List.of(ct), () -> {
            reads.incrementAndGet();
            return target(8);
        });
        RegistrationTargets.Found second = targets.get("s/22", List.of(ct), () -> {
            reads.incrementAndGet();
            return target(8);
        });
        assertFalse(first.kept());
        assertTrue(second.kept());
        assertSame(first.target(), second.target());
        assertEquals(1, reads.get());
        targets.get("s/23", List.of(ct), () -> target(8)); // another level is another target
        assertEquals(2, targets.loads());
    }

    @Test
    void aSeriesAssembledAgainIsReadAgain() throws Exception {
        RegistrationTargets targets = new RegistrationTargets(1 << 20);
        Path ct = file("ct.nii.gz", "ct");
        Path labels = file("labels.nii.gz", "labels");
        targets.get("s/22", List.of(ct, labels), () -> target(8));
        Files.writeString(labels, "new labels, another size");
        assertFalse(targets.get("s/22", List.of(ct, labels), () -> target(8)).kept(), "new labels");
        Files.setLastModifiedTime(ct, FileTime.fromMillis(Files.getLastModifiedTime(ct).toMillis() + 60_000));
        assertFalse(targets.get("s/22", List.of(ct, labels), () -> target(8)).kept(), "the CT written again");
        assertTrue(targets.get("s/22", List.of(ct, labels), () -> target(8)).kept());
        assertEquals(3, targets.loads());
    }

    @Test
    void noMoreIsKeptThanTheBudget() throws Exception {
        // 16³ floats = 16 KiB each; a 40 KiB budget keeps two
        RegistrationTargets targets = new RegistrationTargets(40 * 1024);
        Path ct = file("ct.nii.gz", "ct");
        for (String level : List.of("a", "b", "c")) {
            targets.get(level, List.of(ct), () -> target(16));
        }
        assertEquals(3, targets.loads());
        assertEquals(2, targets.keptCount());
        assertEquals(32 * 1024, targets.keptBytes());

        RegistrationTargets none = new RegistrationTargets(0);
        none.get("a", List.of(ct), () -> target(4));
        assertFalse(none.get("a", List.of(ct), () -> target(4)).kept(), "a budget of 0 keeps nothing");
        assertEquals(0, none.keptCount());
    }

    @Test
    void xraysOfTheSamePatientAtOnceReadTheTargetOnce() throws Exception {
        RegistrationTargets targets = new RegistrationTargets(1 << 20);
        Path ct = file("ct.nii.gz", "ct");
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<RegistrationTargets.Found>> found = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                found.add(pool.submit(() -> {
                    start.await();
                    return targets.get("s/22", List.of(ct), () -> {
                        reads.incrementAndGet();
                        return target(8);
                    });
                }));
            }
            start.countDown();
            RegistrationTargets.Target one = found.get(0).get().target();
            for (Future<RegistrationTargets.Found> f : found) {
                assertSame(one, f.get().target());
            }
            assertEquals(1, reads.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedReadIsReportedAndNotKept() throws Exception {
        RegistrationTargets targets = new RegistrationTargets(1 << 20);
        Path ct = file("ct.nii.gz", "ct");
        IOException e = assertThrows(IOException.class, () -> targets.get("s/22", List.of(ct), () -> {
            throw new IOException("not a NIfTI file");
        }));
        assertEquals("not a NIfTI file", e.getMessage());
        assertFalse(targets.get("s/22", List.of(ct), () -> target(8)).kept(), "read again, now successfully");
        assertThrows(IllegalArgumentException.class, () -> new RegistrationTargets(-1));
    }
}
