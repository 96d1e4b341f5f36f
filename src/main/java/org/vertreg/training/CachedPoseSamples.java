package org.vertreg.training;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Samples rendered once and kept as 8-bit images (a 128² sample takes 16 KiB instead of 64 KiB, and no 5 ms of
 * rendering per visit), in memory or in a memory-mapped file that later runs reuse.
 *
 * <p>File layout, big-endian: magic {@code VRTS}, format, count, columns, rows, then count × 6 float poses, then
 * count × columns × rows bytes of grey values. A file is reused only when its header fits the source and its first
 * and last samples equal the source's, re-made for the check; otherwise it is rebuilt (temporary file and rename).
 *
 * <p>Only sources whose epochs repeat can be cached: a source that refreshes its samples every epoch is refused.
 */
public final class CachedPoseSamples implements PoseSamples {
    private static final int MAGIC = 0x5652_5453; // "VRTS"
    private static final int FORMAT = 1;
    private static final int HEADER = 20;

    private final int count;
    private final int columns;
    private final int rows;
    private final float[] poses;
    private final ByteBuffer images;

    private CachedPoseSamples(int count, int columns, int rows, float[] poses, ByteBuffer images) {
        this.count = count;
        this.columns = columns;
        this.rows = rows;
        this.poses = poses;
        this.images = images;
    }

    /** Renders every sample of {@code source} into memory, in parallel. */
    public static CachedPoseSamples inMemory(PoseSamples source) {
        requireRepeating(source);
        ByteBuffer images = ByteBuffer.allocate(Math.multiplyExact(source.size(), source.pixels()));
        float[] poses = new float[source.size() * 6];
        render(source, images, poses);
        return new CachedPoseSamples(source.size(), source.columns(), source.rows(), poses, images);
    }

    /** The samples of {@code source} from {@code file}, which is made (or remade) first unless it already holds them. */
    public static CachedPoseSamples onDisk(PoseSamples source, Path file) throws IOException {
        requireRepeating(source);
        CachedPoseSamples cached = Files.isRegularFile(file) ? open(file) : null;
        if (cached != null && cached.sameAs(source)) {
            return cached;
        }
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        int n = source.size();
        long length = HEADER + 24L * n + (long) n * source.pixels();
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, length);
            float[] poses = new float[n * 6];
            render(source, map.slice(HEADER + 24 * n, n * source.pixels()), poses);
            map.putInt(0, MAGIC).putInt(4, FORMAT).putInt(8, n).putInt(12, source.columns()).putInt(16, source.rows());
            map.slice(HEADER, 24 * n).asFloatBuffer().put(poses);
            map.force();
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return Objects.requireNonNull(open(file), "the cache just written cannot be read");
    }

    private static CachedPoseSamples open(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() < HEADER) {
                return null;
            }
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            int n = map.getInt(8), columns = map.getInt(12), rows = map.getInt(16);
            if (map.getInt(0) != MAGIC || map.getInt(4) != FORMAT || n <= 0 || columns <= 0 || rows <= 0
                    || channel.size() != HEADER + 24L * n + (long) n * columns * rows) {
                return null;
            }
            float[] poses = new float[n * 6];
            map.slice(HEADER, 24 * n).asFloatBuffer().get(poses);
            return new CachedPoseSamples(n, columns, rows, poses, map.slice(HEADER + 24 * n, n * columns * rows));
        }
    }

    private static void requireRepeating(PoseSamples source) {
        if (source.forEpoch(1) != source) {
            throw new IllegalArgumentException("a source with fresh samples every epoch cannot be cached");
        }
        Math.multiplyExact(source.size(), source.pixels()); // one buffer must address every byte
    }

    private static void render(PoseSamples source, ByteBuffer images, float[] poses) {
        int pixels = source.pixels();
        IntStream.range(0, source.size()).parallel().forEach(i -> {
            float[] image = new float[pixels], pose = new float[6];
            source.fill(i, image, pose);
            byte[] bytes = new byte[pixels];
            for (int p = 0; p < pixels; p++) {
                float g = image[p];
                if (!(g >= 0 && g <= 255) || g != Math.rint(g)) {
                    throw new IllegalArgumentException("sample " + i + " has grey value " + g + ", which 8 bits cannot hold");
                }
                bytes[p] = (byte) g;
            }
            images.put(i * pixels, bytes);
            System.arraycopy(pose, 0, poses, i * 6, 6);
        });
    }

    /** Same size and the same first and last samples as {@code source}. */
    private boolean sameAs(PoseSamples source) {
        if (source.size() != count || source.columns() != columns || source.rows() != rows) {
            return false;
        }
        for (int i : new int[] {0, count - 1}) {
            float[] a = new float[pixels()], b = new float[pixels()], pa = new float[6], pb = new float[6];
            source.fill(i, a, pa);
            fill(i, b, pb);
            if (!Arrays.equals(a, b) || !Arrays.equals(pa, pb)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int columns() {
        return columns;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public void fill(int index, float[] image, float[] pose) {
        Objects.checkIndex(index, count);
        int pixels = pixels();
        if (image.length != pixels || pose.length != 6) {
            throw new IllegalArgumentException("buffers do not fit a " + columns + "x" + rows + " sample");
        }
        byte[] bytes = new byte[pixels];
        images.get(index * pixels, bytes); // absolute: no shared position, safe from several threads
        for (int p = 0; p < pixels; p++) {
            image[p] = bytes[p] & 0xFF;
        }
        System.arraycopy(poses, index * 6, pose, 0, 6);
    }
}
