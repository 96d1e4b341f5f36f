package org.vertreg.dicom;

import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.CEchoResponseCommandMessage;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Serves one accepted association: negotiates, then answers C-ECHO and C-STORE requests one at a time
 * until the peer releases or the connection breaks. A partial instance from a broken transfer is deleted.
 */
final class AssociationSession implements Runnable {
    private static final Logger LOG = Logger.getLogger(AssociationSession.class);

    private final ReplayingSocket socket;
    private final AeTitle aeTitle;
    private final String callingAeTitle;
    private final Path incomingFolder;
    private final ReceivedInstanceSink sink;
    private final Consumer<Object> events;
    private final String remote;
    private final Map<Receipt.Outcome, Integer> counts = new EnumMap<>(Receipt.Outcome.class);

    AssociationSession(ReplayingSocket socket, AeTitle aeTitle, String callingAeTitle, Path incomingFolder,
                       ReceivedInstanceSink sink, Consumer<Object> events) {
        this.socket = socket;
        this.aeTitle = aeTitle;
        this.callingAeTitle = callingAeTitle;
        this.incomingFolder = incomingFolder;
        this.sink = sink;
        this.events = events;
        this.remote = String.valueOf(socket.getRemoteSocketAddress());
    }

    @Override
    public void run() {
        DimseRequestReceiver receiver = null;
        try {
            Association association = AssociationFactory.createNewAssociation(socket, aeTitle.value(),
                    new PresentationContextAcceptance());
            LOG.debugf("association from %s (%s)", callingAeTitle, remote);
            while (true) {
                receiver = new DimseRequestReceiver(incomingFolder, callingAeTitle);
                association.setReceivedDataHandler(receiver);
                association.waitForPDataPDUsUntilHandlerReportsDone();
                byte[] response = receiver.isEcho() ? echoResponse(receiver) : storeResponse(receiver);
                byte presentationContextId = receiver.presentationContextId();
                receiver = null; // answered: its file now belongs to the archive
                association.send(presentationContextId, response, null);
            }
        } catch (AReleaseException released) {
            LOG.debugf("association from %s (%s) released", callingAeTitle, remote);
            events.accept(new DicomEvents.AssociationReleased(remote, callingAeTitle, Map.copyOf(counts)));
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (receiver != null) {
                receiver.discardPartialFile();
            }
            LOG.warnf("association from %s (%s) ended abnormally: %s", callingAeTitle, remote, reason);
            events.accept(new DicomEvents.AssociationAborted(remote, callingAeTitle, reason));
        } finally {
            closeQuietly();
        }
    }

    private byte[] echoResponse(DimseRequestReceiver receiver) throws Exception {
        return new CEchoResponseCommandMessage(receiver.sopClassUid(), receiver.messageId(), DicomStatus.SUCCESS).getBytes();
    }

    private byte[] storeResponse(DimseRequestReceiver receiver) throws Exception {
        Receipt receipt;
        if (receiver.writeFailure() != null) {
            receiver.discardPartialFile();
            receipt = Receipt.refused(new DicomStatusException(DicomStatus.OUT_OF_RESOURCES, "could not write the instance to disk: "
                    + ReceiptCheck.withoutPath(String.valueOf(receiver.writeFailure().getMessage()), receiver.file())), null);
        } else {
            try {
                receipt = sink.accept(new ReceivedInstance(receiver.file(), receiver.leadingBytes(), receiver.sopClassUid(),
                        receiver.sopInstanceUid(), receiver.transferSyntaxUid(), receiver.dataSetSha256(), callingAeTitle, remote));
            } catch (RuntimeException bug) {
                LOG.errorf(bug, "C-STORE of %s from %s failed", receiver.sopInstanceUid(), callingAeTitle);
                receipt = Receipt.refused(new DicomStatusException(DicomStatus.OUT_OF_RESOURCES, "internal error: "
                        + bug.getClass().getSimpleName()), null);
            }
        }
        String detail = ReceiptCheck.withoutPath(receipt.detail(), receiver.file());
        if (!DicomStatus.isSuccess(receipt.status())) {
            LOG.warnf("C-STORE of %s from %s answered %s: %s", receiver.sopInstanceUid(), callingAeTitle, DicomStatus.hex(receipt.status()),
                    detail);
        }
        counts.merge(receipt.outcome(), 1, Integer::sum);
        events.accept(new DicomEvents.StoreAnswered(remote, callingAeTitle, receiver.sopClassUid(), receiver.sopInstanceUid(),
                receipt.studyInstanceUid(), receipt.seriesInstanceUid(), receipt.outcome(), receipt.status(), detail));
        return StoreResponse.bytes(receiver.sopClassUid(), receiver.sopInstanceUid(), receiver.messageId(), receipt.status(), detail);
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (Exception ignored) {
            // Nothing left to tell the peer.
        }
    }
}
