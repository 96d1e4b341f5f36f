package org.vertreg.model.store;

import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;

/** Where a trained model goes: a model folder anywhere, or a TRAINING row of the store that it completes. */
@FunctionalInterface
public interface ModelWriter {

    /** Writes the parameters of {@code block} with {@code metadata}. */
    void write(ModelMetadata metadata, Block block) throws IOException;

    /** The folder {@code directory} (model.params, metadata.json), replaced whole if present. */
    static ModelWriter toFolder(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        return (metadata, block) -> new ModelFiles(dir.getParent()).write(dir.getFileName().toString(), metadata, block);
    }

    /** Model {@code id} of {@code store}, which must still be TRAINING: its files, then READY. */
    static ModelWriter completing(ModelStore store, long id) {
        return (metadata, block) -> {
            try {
                store.complete(id, metadata, block);
            } catch (SQLException e) {
                throw new IOException("model " + id + " could not be marked READY: " + e.getMessage(), e);
            }
        };
    }
}
