package org.vertreg.model.store;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A model's folder under the models root: {@code model.params} (the block's parameters as DJL's
 * {@link Block#saveParameters} writes them) and {@code metadata.json} ({@link ModelMetadataJson}). A folder appears
 * whole or not at all: both files are written and synced in a temporary folder beside it, which is then renamed.
 */
public final class ModelFiles {
    public static final String PARAMETERS = "model.params";
    public static final String METADATA = "metadata.json";
    private static final String TEMPORARY_PREFIX = ".partial-";

    private final Path root;

    public ModelFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The folder of a model; refuses a relative path that leaves the root. */
    public Path directory(String relativePath) {
        Path dir = root.resolve(relativePath).normalize();
        if (!dir.startsWith(root) || dir.equals(root)) {
            throw new IllegalArgumentException("model path " + relativePath + " lies outside " + root);
        }
        return dir;
    }

    /** Writes both files; a folder already there (left by a write whose index update never happened) is replaced. */
    public void write(String relativePath, ModelMetadata metadata, Block block) throws IOException {
        Path target = directory(relativePath);
        Path parent = Files.createDirectories(target.getParent());
        Path partial = parent.resolve(TEMPORARY_PREFIX + UUID.randomUUID());
        Files.createDirectory(partial);
        try {
            writeSynced(partial.resolve(PARAMETERS), out -> block.saveParameters(new DataOutputStream(out)));
            writeSynced(partial.resolve(METADATA), out -> out.write(ModelMetadataJson.write(metadata).getBytes(StandardCharsets.UTF_8)));
            if (Files.exists(target)) {
                deleteTree(target);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(parent);
        } finally {
            if (Files.exists(partial)) {
                deleteTree(partial);
            }
        }
    }

    public ModelMetadata readMetadata(String relativePath) throws IOException {
        return readMetadataIn(directory(relativePath));
    }

    /** The metadata in a model folder anywhere (e.g. one copied from another node). */
    public static ModelMetadata readMetadataIn(Path modelDirectory) throws IOException {
        return ModelMetadataJson.read(Files.readString(modelDirectory.resolve(METADATA), StandardCharsets.UTF_8));
    }

    /** Reads the parameters into {@code block}, which must have the architecture they were saved from. */
    public void loadParameters(String relativePath, Block block, NDManager manager) throws IOException {
        loadParametersIn(directory(relativePath), block, manager);
    }

    /** As {@link #loadParameters}, from a model folder anywhere. */
    public static void loadParametersIn(Path modelDirectory, Block block, NDManager manager) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(modelDirectory.resolve(PARAMETERS))))) {
            block.loadParameters(manager, in);
        } catch (MalformedModelException e) {
            throw new IOException("parameters in " + modelDirectory + " do not fit the block: " + e.getMessage(), e);
        }
    }

    /** Removes a model's folder, if any. */
    public void delete(String relativePath) throws IOException {
        Path dir = directory(relativePath);
        if (Files.exists(dir)) {
            deleteTree(dir);
        }
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static void writeSynced(Path file, Writer writer) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel));
            writer.write(out);
            out.flush();
            channel.force(true);
        }
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
