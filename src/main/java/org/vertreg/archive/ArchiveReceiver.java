package org.vertreg.archive;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.vertreg.dicom.DataSetHash;
import org.vertreg.dicom.DicomStatus;
import org.vertreg.dicom.DicomStatusException;
import org.vertreg.dicom.InstanceHeader;
import org.vertreg.dicom.ReceiptCheck;
import org.vertreg.dicom.ReceivedInstance;
import org.vertreg.dicom.ReceivedInstanceSink;
import org.vertreg.dicom.Receipt;

/**
 * Keeps a received instance: checks it ({@link ReceiptCheck}), links it into place, indexes it. The order (file, then
 * row) means a crash can leave a whole file without a row, which {@link ArchiveRecovery} indexes at start-up, but never
 * a row without its file. A file already in place is a duplicate: the first copy is kept, quietly when the new one has
 * the same content, as a conflict (refused or warned, per configuration) when it has not.
 */
@ApplicationScoped
public class ArchiveReceiver implements ReceivedInstanceSink {
    private static final Logger LOG = Logger.getLogger(ArchiveReceiver.class);

    @Inject
    ArchiveStorage storage;
    @Inject
    ArchiveIndex index;
    @Inject
    ArchiveConfig config;
    @Inject
    MeterRegistry metrics;
    @Inject
    Event<Object> events;

    @Override
    public Receipt accept(ReceivedInstance received) {
        Path incoming = received.file();
        try {
            ReceiptCheck.Result checked = ReceiptCheck.check(received);
            if (!checked.passed()) {
                return Receipt.refused(checked.refusal(), checked.header());
            }
            try {
                return keep(received, checked.header(), incoming);
            } catch (DicomStatusException refused) {
                return Receipt.refused(refused, checked.header());
            }
        } finally {
            deleteQuietly(incoming);
        }
    }

    private Receipt keep(ReceivedInstance received, InstanceHeader header, Path incoming) throws DicomStatusException {
        String relative = storage.relativeInstancePath(header.studyInstanceUid(), header.seriesInstanceUid(), header.sopInstanceUid());
        Path target = storage.resolve(relative);
        long size;
        try {
            size = Files.size(incoming);
            if (!storage.placeNew(incoming, target)) {
                return duplicate(received, header, target);
            }
        } catch (IOException | SQLException e) {
            throw new DicomStatusException(DicomStatus.OUT_OF_RESOURCES, "could not store the instance: " + reason(e), e);
        }
        try {
            ArchiveIndex.Indexed indexed = index.index(header, relative, size, received.dataSetSha256(), received.callingAeTitle());
            if (indexed.patientRenamed()) {
                events.fire(new ArchiveEvents.PatientRenamed(header.sopInstanceUid(), header.studyInstanceUid(), header.seriesInstanceUid()));
            }
        } catch (SQLException | RuntimeException e) {
            deleteQuietly(target);
            throw new DicomStatusException(DicomStatus.OUT_OF_RESOURCES, "could not index the instance: " + reason(e), e);
        }
        metrics.counter("vertreg.instances.stored", "modality", header.modality()).increment();
        return receipt(DicomStatus.SUCCESS, Receipt.Outcome.STORED, "stored", header);
    }

    /**
     * A copy is already in place. It is answered only once it is indexed too: until then another association is still
     * keeping it (or failed to), and the sender had better try again.
     */
    private Receipt duplicate(ReceivedInstance received, InstanceHeader header, Path kept)
            throws SQLException, IOException, DicomStatusException {
        Optional<ArchiveIndex.Stored> stored = index.stored(header.sopInstanceUid());
        if (stored.isEmpty()) {
            throw new DicomStatusException(DicomStatus.OUT_OF_RESOURCES,
                    "another copy of this instance is being stored at this moment; send it again");
        }
        String keptHash = stored.get().dataSetSha256() != null ? stored.get().dataSetSha256() : DataSetHash.ofPart10File(kept);
        if (keptHash.equals(received.dataSetSha256())) {
            metrics.counter("vertreg.instances.duplicate").increment();
            return receipt(DicomStatus.SUCCESS, Receipt.Outcome.DUPLICATE, "duplicate of the stored copy", header);
        }
        metrics.counter("vertreg.instances.conflicting").increment();
        String syntax = stored.get().transferSyntaxUid().equals(received.transferSyntaxUid()) ? ""
                : " (stored in transfer syntax " + stored.get().transferSyntaxUid() + ", received in " + received.transferSyntaxUid() + ")";
        String detail = "other content is already stored under this SOP Instance UID; the stored copy was kept" + syntax;
        LOG.warnf("SOP instance %s from %s: %s", header.sopInstanceUid(), received.callingAeTitle(), detail);
        int status = config.conflictingDuplicates() == ArchiveConfig.ConflictPolicy.WARN ? DicomStatus.WARNING_ELEMENTS_DISCARDED
                : DicomStatus.DUPLICATE_SOP_INSTANCE;
        return receipt(status, Receipt.Outcome.CONFLICT, detail, header);
    }

    /** A failure in words fit for the sender and the audit trail: the file system's reason, never the archive's paths. */
    private String reason(Exception e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        String message = String.valueOf(e.getMessage());
        return message.replace(storage.root().toString(), "the archive");
    }

    private static Receipt receipt(int status, Receipt.Outcome outcome, String detail, InstanceHeader h) {
        return new Receipt(status, outcome, detail, h.studyInstanceUid(), h.seriesInstanceUid());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("could not delete %s: %s", file, e.getMessage());
        }
    }
}
