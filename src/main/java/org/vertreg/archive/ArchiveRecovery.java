package org.vertreg.archive;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.vertreg.dicom.DataSetHash;
import org.vertreg.dicom.DicomStatusException;
import org.vertreg.dicom.InstanceHeader;
import org.vertreg.dicom.InstanceHeaderReader;

/**
 * Puts the archive right after a crash, before the DICOM service opens: transfers that were never
 * answered are deleted from {@code incoming/}; instances renamed into place whose index transaction
 * never committed are indexed now (their sender was not told of success, and may send them again,
 * which the duplicate check absorbs).
 */
@Startup(1000) // before the DICOM service starts listening (DicomScp observes at 3000)
@ApplicationScoped
public class ArchiveRecovery {
    private static final Logger LOG = Logger.getLogger(ArchiveRecovery.class);

    @Inject
    ArchiveStorage storage;
    @Inject
    ArchiveIndex index;
    @Inject
    Event<Object> events;

    @PostConstruct
    void recover() {
        int partial = deletePartialTransfers();
        int reindexed = indexUnindexedInstances();
        if (partial + reindexed > 0) {
            events.fire(new ArchiveEvents.Recovered(partial, reindexed));
        }
    }

    int deletePartialTransfers() {
        int deleted = 0;
        for (Path leftover : list(storage.path())) {
            try {
                Files.deleteIfExists(leftover);
                deleted++;
            } catch (IOException e) {
                LOG.warnf("cannot delete partial transfer %s: %s", leftover, e.getMessage());
            }
        }
        if (deleted > 0) {
            LOG.infof("deleted %d partial transfers left by an interrupted run", deleted);
        }
        return deleted;
    }

    int indexUnindexedInstances() {
        int indexed = 0;
        Path instances = storage.instancesFolder();
        try (Stream<Path> files = Files.walk(instances)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".dcm"))::iterator) {
                String sopInstanceUid = file.getFileName().toString().replaceFirst("\\.dcm$", "");
                try {
                    if (index.isIndexed(sopInstanceUid)) {
                        continue;
                    }
                    InstanceHeader header = InstanceHeaderReader.read(file);
                    String relative = storage.root().relativize(file).toString();
                    index.index(header, relative, Files.size(file), DataSetHash.ofPart10File(file), null);
                    indexed++;
                    LOG.infof("indexed %s, stored before an interrupted run could index it", relative);
                } catch (DicomStatusException | IOException | SQLException e) {
                    LOG.errorf("stored file %s cannot be indexed: %s", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan the archive " + instances, e);
        }
        return indexed;
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
