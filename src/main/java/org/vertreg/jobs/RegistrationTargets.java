package org.vertreg.jobs;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.Volume;

/**
 * What a registration projects (the vertebra's crop and the volume its model was trained to see), kept for the patient's
 * next X-ray. Reading a CT and its labels from the archive (gzip NIfTI) and cropping takes 3.7 s for a 512×512×300 CT,
 * longer than the refinement itself, and a surgeon takes X-ray after X-ray of the same spine. Kept within a memory budget by
 * Caffeine (its eviction weighs how recently and how often a target was used; it also loads each target once however
 * many registrations ask for it at the same time). A target is known by the files it came from, with their sizes and modification times: a series
 * assembled again, or given new labels, is read again.
 */
public final class RegistrationTargets {
    /** A level's target: its crop, and the volume a DRR of it projects (the whole CT, or the vertebra alone). */
    public record Target(CroppedVertebra crop, Volume projected) {
        long bytes() {
            long voxels = (long) crop.volume().hu().length + (projected == crop.volume() ? 0 : projected.hu().length);
            return 4 * voxels + crop.labels().map(l -> 2L * l.labels().length).orElse(0L);
        }
    }

    /** What {@link #get} reads when the target is not kept. */
    public interface Loader {
        Target load() throws IOException;
    }

    /** The files a target is made from and how they were when it was read. */
    record Key(String target, List<String> files) {
    }

    private final Cache<Key, Target> kept;
    private final AtomicLong loads = new AtomicLong();

    /** @param budgetBytes memory for kept targets; 0 keeps none */
    public RegistrationTargets(long budgetBytes) {
        if (budgetBytes < 0) {
            throw new IllegalArgumentException("a negative memory budget: " + budgetBytes);
        }
        kept = Caffeine.newBuilder().maximumWeight(budgetBytes).executor(Runnable::run) // evictions at once, on the caller
                .weigher((Key k, Target t) -> (int) Math.min(Integer.MAX_VALUE, t.bytes())).build();
    }

    /**
     * The target named {@code target} (e.g. "series/level"), made from {@code files}: kept, or loaded now and kept.
     *
     * @return the target, and whether it was kept from an earlier registration
     */
    public Found get(String target, List<Path> files, Loader loader) throws IOException {
        Key key = new Key(target, files.stream().map(RegistrationTargets::identity).toList());
        boolean[] loaded = {false};
        try {
            Target t = kept.get(key, k -> {
                try {
                    loaded[0] = true;
                    loads.incrementAndGet();
                    return loader.load();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return new Found(t, !loaded[0]);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    public record Found(Target target, boolean kept) {
    }

    /** Targets read from disk since the start. */
    public long loads() {
        return loads.get();
    }

    /** How many targets are kept, and their bytes. */
    public long keptCount() {
        kept.cleanUp();
        return kept.estimatedSize();
    }

    public long keptBytes() {
        kept.cleanUp();
        return kept.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    /** Drops what is kept (the budget stays). */
    public void clear() {
        kept.invalidateAll();
    }

    private static String identity(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return file.toAbsolutePath().normalize() + ":" + a.size() + ":" + a.lastModifiedTime().toMillis();
        } catch (IOException missing) {
            return file.toAbsolutePath().normalize() + ":missing";
        }
    }
}
