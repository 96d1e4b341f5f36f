package org.vertreg.archive;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.vertreg.dicom.IncomingFolder;

/**
 * The archive's folders: {@code incoming/} for transfers in progress, {@code instances/<study>/<series>/<sop>.dcm}
 * for kept instances, {@code volumes/<series>.nii.gz} for assembled CTs. A file appears under
 * {@code instances/} only whole and synced, by an atomic rename from {@code incoming/}.
 */
@ApplicationScoped
public class ArchiveStorage implements IncomingFolder {
    @Inject
    ArchiveConfig config;

    private Path root;

    Path root() {
        if (root == null) {
            root = Path.of(config.root()).toAbsolutePath().normalize();
        }
        return root;
    }

    @Override
    public Path path() {
        return ensureFolder(root().resolve("incoming"));
    }

    public Path instancesFolder() {
        return ensureFolder(root().resolve("instances"));
    }

    /** The overlay of registration job {@code jobId} as PNG ({@code overlays/<job>.png}; its folder made if missing). */
    public Path overlayPng(long jobId) {
        return ensureFolder(root().resolve("overlays")).resolve(jobId + ".png");
    }

    /** Work folders of the node's trainings (checkpoints, sample caches), one per CT series and level. */
    public Path trainingFolder() {
        return ensureFolder(root().resolve("training"));
    }

    public Path volumesFolder() {
        return ensureFolder(root().resolve("volumes"));
    }

    /** Relative path (to the archive root) where an instance is kept. */
    public String relativeInstancePath(String studyUid, String seriesUid, String sopInstanceUid) {
        return "instances/" + studyUid + "/" + seriesUid + "/" + sopInstanceUid + ".dcm";
    }

    public Path resolve(String relativePath) {
        return root().resolve(relativePath);
    }

    /**
     * Puts a synced file in place under a new name, atomically, and syncs the folder entry, so a crash leaves
     * it whole or absent. A hard link, unlike a rename, never replaces: an instance already kept stays as it is.
     *
     * @return false when {@code target} already exists (nothing changed)
     */
    public boolean placeNew(Path synced, Path target) throws IOException {
        createSyncedFolders(target.getParent());
        try {
            Files.createLink(target, synced);
        } catch (FileAlreadyExistsException kept) {
            return false;
        }
        syncFolder(target.getParent());
        return true;
    }

    /** Writes one file of the volumes folder. */
    @FunctionalInterface
    public interface FileWriter {
        void write(Path file) throws IOException;
    }

    /**
     * Writes {@code volumes/<name>} through a temporary file and an atomic rename, so readers see the old file or
     * the new one, never half of one; a failed write leaves nothing behind.
     */
    public Path replaceVolumeFile(String name, FileWriter writer) throws IOException {
        Path target = volumesFolder().resolve(name);
        // Same ending as the target: writers choose the encoding from it (NIfTI gzips a name ending in .gz).
        Path temp = Files.createTempFile(volumesFolder(), ".part-", "-" + name);
        try {
            writer.write(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }

    /** Creates missing folders and syncs each new entry in its parent, so a new series folder survives a crash too. */
    private void createSyncedFolders(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        createSyncedFolders(folder.getParent());
        try {
            Files.createDirectory(folder);
        } catch (java.nio.file.FileAlreadyExistsException concurrentlyCreated) {
            return;
        }
        syncFolder(folder.getParent());
    }

    static void syncFolder(Path folder) throws IOException {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private static Path ensureFolder(Path folder) {
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create archive folder " + folder, e);
        }
    }
}
