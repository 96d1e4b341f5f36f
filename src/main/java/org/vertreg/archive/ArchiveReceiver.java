package org.vertreg.archive;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.jboss.logging.Logger;
import org.vertreg.dicom.DicomStatus;
import org.vertreg.dicom.DicomStatusException;
import org.vertreg.dicom.InstanceHeader;
import org.vertreg.dicom.PixelDataCheck;
import org.vertreg.dicom.ReceivedInstance;
import org.vertreg.dicom.ReceivedInstanceSink;

/**
 * Keeps a received instance: checks it, links it into place, indexes it. The order (file, then row)
 * means a crash can leave a whole file without a row, which {@link ArchiveRecovery} indexes at start-up,
 * but never a row without its file. A file already in place is a duplicate: the first copy is kept.
 */
@ApplicationScoped
public class ArchiveReceiver implements ReceivedInstanceSink {
    private static final Logger LOG = Logger.getLogger(ArchiveReceiver.class);

    @Inject
    ArchiveStorage storage;
    @Inject
    ArchiveIndex index;
    @Inject
    MeterRegistry metrics;

    @Override
    public void accept(ReceivedInstance received) throws DicomStatusException {
        Path incoming = received.file();
        try {
            InstanceHeader header = received.header();
            checkConsistent(received, header);
            PixelDataCheck.requireDecodable(incoming, header.sopClassUid(), received.transferSyntaxUid());
            keep(received, header, incoming);
        } finally {
            deleteQuietly(incoming);
        }
    }

    private void keep(ReceivedInstance received, InstanceHeader header, Path incoming) throws DicomStatusException {
        String relative = storage.relativeInstancePath(header.studyInstanceUid(), header.seriesInstanceUid(), header.sopInstanceUid());
        Path target = storage.resolve(relative);
        long size;
        try {
            size = Files.size(incoming);
            if (!storage.placeNew(incoming, target)) {
                acknowledgeDuplicate(received, header);
                return;
            }
        } catch (IOException | SQLException e) {
            throw new DicomStatusException(DicomStatus.OUT_OF_RESOURCES, "could not store the instance: " + e.getMessage(), e);
        }
        try {
            index.index(header, relative, size, received.callingAeTitle());
        } catch (SQLException | RuntimeException e) {
            deleteQuietly(target);
            throw new DicomStatusException(DicomStatus.OUT_OF_RESOURCES, "could not index the instance: " + e.getMessage(), e);
        }
        metrics.counter("vertreg.instances.stored", "modality", header.modality()).increment();
    }

    /**
     * A copy is already in place. Success is answered only once it is indexed too: until then another
     * association is still keeping it (or failed to), and the sender had better try again.
     */
    private void acknowledgeDuplicate(ReceivedInstance received, InstanceHeader header) throws SQLException, DicomStatusException {
        if (!index.isIndexed(header.sopInstanceUid())) {
            throw new DicomStatusException(DicomStatus.OUT_OF_RESOURCES,
                    "another copy of this instance is being stored at this moment; send it again");
        }
        LOG.infof("duplicate SOP instance %s from %s: kept the copy already stored", header.sopInstanceUid(),
                received.callingAeTitle());
        metrics.counter("vertreg.instances.duplicate").increment();
    }

    private static void checkConsistent(ReceivedInstance received, InstanceHeader header) throws DicomStatusException {
        if (!header.sopInstanceUid().equals(received.sopInstanceUid())) {
            throw new DicomStatusException(DicomStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, "SOP Instance UID " + header.sopInstanceUid()
                    + " in the data set differs from " + received.sopInstanceUid() + " in the C-STORE request");
        }
        if (!header.sopClassUid().equals(received.sopClassUid())) {
            throw new DicomStatusException(DicomStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, "SOP Class UID " + header.sopClassUid()
                    + " in the data set differs from " + received.sopClassUid() + " in the C-STORE request");
        }
        for (String uid : new String[] {header.studyInstanceUid(), header.seriesInstanceUid(), header.sopInstanceUid()}) {
            if (!ArchiveStorage.isValidUid(uid)) {
                throw new DicomStatusException(DicomStatus.CANNOT_UNDERSTAND, "malformed UID '" + uid + "'");
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("could not delete %s: %s", file, e.getMessage());
        }
    }
}
