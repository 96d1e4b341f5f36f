package org.vertreg.dicom;

import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.CEchoResponseCommandMessage;
import com.pixelmed.network.CStoreResponseCommandMessage;
import java.nio.file.Path;
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
    private int stored;
    private int refused;

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
            events.accept(new DicomEvents.AssociationReleased(remote, callingAeTitle, stored, refused));
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
        int status = DicomStatus.SUCCESS;
        String detail = "stored";
        try {
            if (receiver.writeFailure() != null) {
                receiver.discardPartialFile();
                throw new DicomStatusException(DicomStatus.OUT_OF_RESOURCES,
                        "could not write the instance to disk: " + receiver.writeFailure().getMessage(), receiver.writeFailure());
            }
            sink.accept(new ReceivedInstance(receiver.file(), receiver.leadingBytes(), receiver.sopClassUid(), receiver.sopInstanceUid(),
                    receiver.transferSyntaxUid(), callingAeTitle, remote));
        } catch (DicomStatusException refused) {
            status = refused.status();
            detail = refused.getMessage();
            LOG.warnf("C-STORE of %s from %s refused with %s: %s", receiver.sopInstanceUid(), callingAeTitle,
                    DicomStatus.hex(status), detail);
        } catch (RuntimeException bug) {
            status = DicomStatus.OUT_OF_RESOURCES;
            detail = "internal error: " + bug;
            LOG.errorf(bug, "C-STORE of %s from %s failed", receiver.sopInstanceUid(), callingAeTitle);
        }
        if (DicomStatus.isSuccess(status)) {
            stored++;
        } else {
            refused++;
        }
        events.accept(new DicomEvents.StoreAnswered(remote, callingAeTitle, receiver.sopClassUid(), receiver.sopInstanceUid(),
                status, detail));
        return new CStoreResponseCommandMessage(receiver.sopClassUid(), receiver.sopInstanceUid(), receiver.messageId(), status)
                .getBytes();
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (Exception ignored) {
            // Nothing left to tell the peer.
        }
    }
}
