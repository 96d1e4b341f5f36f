package org.vertreg.training;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The files of a training run's directory that let it survive a kill: {@value #LAST} (network parameters, optimiser
 * moments and {@link TrainingState}: everything to continue where the run stopped) and {@value #BEST} (the network
 * parameters at the best validation so far, in DJL's {@code Block.saveParameters} format, the run's result). Each is
 * written to a temporary file, forced to disk and renamed over the old one, so a kill leaves the old or the new file,
 * never half of one.
 */
public final class Checkpoints {
    public static final String LAST = "checkpoint.bin";
    public static final String BEST = "best.params";
    private static final int MAGIC = 0x5652_5443; // "VRTC"
    private static final int FORMAT = 1;

    private final Path directory;

    public Checkpoints(Path directory) {
        this.directory = directory;
    }

    public Path last() {
        return directory.resolve(LAST);
    }

    public Path best() {
        return directory.resolve(BEST);
    }

    boolean hasLast() {
        return Files.isRegularFile(last());
    }

    void writeLast(String fingerprint, TrainingState state, Block block, AdamW optimiser) throws IOException {
        writeAtomically(last(), out -> {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(fingerprint);
            state.write(out);
            block.saveParameters(out);
            optimiser.save(out);
        });
    }

    /**
     * Restores the block's parameters and the optimiser from {@value #LAST} and returns the state to continue from.
     *
     * @throws IllegalStateException when the checkpoint was written under another configuration
     */
    TrainingState readLast(String fingerprint, Block block, NDManager manager, AdamW optimiser) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(last())))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
                throw new IOException(last() + " is not a training checkpoint of this version");
            }
            String written = in.readUTF();
            if (!written.equals(fingerprint)) {
                throw new IllegalStateException("the checkpoint in " + directory + " was written by another training configuration ("
                        + written + "); now: " + fingerprint + ". Use another directory or remove it.");
            }
            TrainingState state = TrainingState.read(in);
            loadParameters(block, manager, in);
            optimiser.load(in, manager, block.getParameters());
            return state;
        }
    }

    void writeBest(Block block) throws IOException {
        writeAtomically(best(), block::saveParameters);
    }

    /** Puts the best parameters so far into {@code block}. */
    void loadBest(Block block, NDManager manager) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(best())))) {
            loadParameters(block, manager, in);
        }
    }

    private static void loadParameters(Block block, NDManager manager, DataInputStream in) throws IOException {
        try {
            block.loadParameters(manager, in);
        } catch (MalformedModelException e) {
            throw new IOException("the stored parameters do not fit the network: " + e.getMessage(), e);
        }
        // Loaded arrays are new tensors: mark the trainable ones again so that backward reaches them.
        for (var entry : block.getParameters()) {
            Parameter p = entry.getValue();
            if (p.requiresGradient()) {
                p.getArray().setRequiresGradient(true);
            }
        }
    }

    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private static void writeAtomically(Path target, Body body) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            OutputStream raw = Channels.newOutputStream(channel);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 20));
            body.write(out);
            out.flush();
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
