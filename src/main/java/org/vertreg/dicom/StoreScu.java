package org.vertreg.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.AssociationOutputStream;
import com.pixelmed.network.CompositeResponseHandler;
import com.pixelmed.network.DicomNetworkException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Sends Part-10 files to a remote AE by C-STORE (PS3.4 Annex B, SCU role), all over one association, and reports how
 * the remote AE answered each. A file that is refused is reported in its {@link StoreResult}; an association that cannot
 * be made, is rejected, or breaks is an {@link IOException} that names the remote AE.
 *
 * <p>Each file is proposed with its own transfer syntax and, if that is uncompressed, explicit and implicit VR little
 * endian as well; it is sent in the transfer syntax the remote AE accepted.
 *
 * <p><b>Threads.</b> An instance holds only its settings; every {@link #send} has its own connection, association,
 * Message IDs and response handler, so any number of threads may send through one instance at once. PixelMed's
 * process-wide state (checked in its 20220618 build) is kept out of the way: its requestor ({@code AssociationInitiator})
 * and {@code StorageSOPClassSCU} are not used, since the first has no time-outs (see {@link RequestedAssociation}) and
 * the second reports a warning as plain success; C-STORE-RQ commands are not PixelMed's, whose Message IDs come from
 * one unsynchronised static counter (see {@link StoreRequest}). What remains shared is harmless: the static counter
 * that numbers associations in PixelMed's log lines (unsynchronised, so two may share a number), the A-RELEASE-RP wait
 * (read-only, 5 s), the ARTIM wait that {@code ToolkitTimers} shortens once at start-up (not used here: a failed
 * association is aborted without it), and the data dictionary (read-only once loaded).
 */
public final class StoreScu {
    private static final Logger LOG = Logger.getLogger(StoreScu.class);
    /** Refused: SOP class not supported (PS3.4 B.2.3), what a file that no accepted context could carry is reported as. */
    static final int SOP_CLASS_NOT_SUPPORTED = DicomStatus.SOP_CLASS_NOT_SUPPORTED;
    private static final int C_STORE_RSP = 0x8001;
    private static final List<String> UNCOMPRESSED = List.of(TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ImplicitVRLittleEndian,
            TransferSyntax.ExplicitVRBigEndian);

    /** Where to send: the remote AE's host, TCP port and AE title (the called AE title). */
    public record RemoteAe(String host, int port, AeTitle aeTitle) {
        public RemoteAe {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host is missing");
            }
            host = host.strip();
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1 to 65535: " + port);
            }
            Objects.requireNonNull(aeTitle, "aeTitle");
        }

        @Override
        public String toString() {
            return aeTitle + " at " + host + ":" + port;
        }
    }

    private final AeTitle callingAeTitle;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    /**
     * @param callingAeTitle the node's AE title as the caller
     * @param connectTimeout how long to wait for the TCP connection
     * @param readTimeout    how long to wait for any one answer: the A-ASSOCIATE-AC, each C-STORE-RSP
     */
    public StoreScu(AeTitle callingAeTitle, Duration connectTimeout, Duration readTimeout) {
        this.callingAeTitle = Objects.requireNonNull(callingAeTitle, "callingAeTitle");
        this.connectTimeout = positive(connectTimeout, "connect time-out");
        this.readTimeout = positive(readTimeout, "read time-out");
    }

    /**
     * Stores {@code files} on {@code remote}, in order, over one association, and releases it.
     *
     * @return one result per file, in the order given
     * @throws IOException when a file cannot be read (before any connection is made), or the association cannot be made,
     *                     is rejected or breaks; the message names the remote AE
     */
    public List<StoreResult> send(RemoteAe remote, List<Path> files) throws IOException {
        if (files.isEmpty()) {
            return List.of();
        }
        List<Instance> instances = new ArrayList<>();
        for (Path file : files) {
            instances.add(Instance.of(file));
        }
        Map<String, AssociatePdus.ProposedContext> proposals = proposals(instances);
        RequestedAssociation association = new RequestedAssociation(remote.host(), remote.port(), remote.aeTitle(), callingAeTitle,
                List.copyOf(proposals.values()), connectTimeout, readTimeout);
        List<StoreResult> results = new ArrayList<>();
        boolean answered = false;
        try {
            for (Instance instance : instances) {
                AssociatePdus.ProposedContext proposed = proposals.get(instance.proposalKey());
                results.add(store(association, instance, proposed, results.size() + 1));
            }
            answered = true;
        } catch (IOException e) {
            throw new IOException("storing on " + remote + " failed after " + results.size() + " of " + files.size()
                    + " files: " + e.getMessage(), e);
        } finally {
            if (!answered) {
                association.abortQuietly();
            }
        }
        try {
            association.release();
        } catch (DicomNetworkException e) {
            // Every file has its answer already; the remote AE only failed to confirm the release.
            LOG.warnf("%s did not confirm the release of the association: %s", remote, e.getMessage());
        } finally {
            association.closeQuietly();  // PixelMed's release only shuts down output
        }
        return List.copyOf(results);
    }

    private StoreResult store(RequestedAssociation association, Instance instance, AssociatePdus.ProposedContext proposed,
            int messageId) throws IOException {
        AssociatePdus.ContextResult context = association.result(proposed.id());
        if (context == null || !context.accepted()) {
            String reason = context == null ? "no answer" : context.reason();
            return instance.result(SOP_CLASS_NOT_SUPPORTED, "not sent: no accepted presentation context (" + reason + ")");
        }
        AttributeList dataSet = instance.readDataSet();
        byte id = (byte) proposed.id();
        Response response = new Response();
        try {
            association.setReceivedDataHandler(response);
            association.send(id, StoreRequest.bytes(instance.sopClassUid(), instance.sopInstanceUid(), messageId), null);
            AssociationOutputStream data = association.getAssociationOutputStream(id);
            BufferedOutputStream buffered = new BufferedOutputStream(data, 1 << 16);
            dataSet.write(new DicomOutputStream(buffered, null, context.transferSyntax()));
            buffered.flush();
            data.close();  // sends the last fragment
            association.waitForCommandPDataPDUs();
        } catch (DicomNetworkException | AReleaseException | DicomException e) {
            throw new IOException(instance.file() + ": " + e.getMessage(), e);
        }
        if (response.commandField != C_STORE_RSP || response.messageIdBeingRespondedTo != messageId || response.getStatus() < 0) {
            throw new IOException(String.format("%s: the answer to C-STORE-RQ %d is not its C-STORE-RSP (command 0x%04X for message %d)",
                    instance.file(), messageId, response.commandField, response.messageIdBeingRespondedTo));
        }
        return instance.result(response.getStatus(), response.errorComment);
    }

    /** One presentation context per SOP class and transfer syntax among the files, IDs 1, 3, 5, … */
    private static Map<String, AssociatePdus.ProposedContext> proposals(List<Instance> instances) {
        Map<String, AssociatePdus.ProposedContext> proposals = new LinkedHashMap<>();
        for (Instance i : instances) {
            if (!proposals.containsKey(i.proposalKey())) {
                int id = 2 * proposals.size() + 1;
                if (id > 255) {
                    throw new IllegalArgumentException("the files need more than 128 presentation contexts, the most one association has");
                }
                List<String> syntaxes = new ArrayList<>(List.of(i.transferSyntax()));
                if (UNCOMPRESSED.contains(i.transferSyntax())) {
                    UNCOMPRESSED.subList(0, 2).stream().filter(ts -> !syntaxes.contains(ts)).forEach(syntaxes::add);
                }
                proposals.put(i.proposalKey(), new AssociatePdus.ProposedContext(id, i.sopClassUid(), syntaxes));
            }
        }
        return proposals;
    }

    private static Duration positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }

    /** A file to send, known by its File Meta Information. */
    private record Instance(Path file, String sopClassUid, String sopInstanceUid, String transferSyntax) {

        static Instance of(Path file) throws IOException {
            AttributeList meta = read(file, true);
            String sopClass = Attribute.getSingleStringValueOrEmptyString(meta, TagFromName.MediaStorageSOPClassUID);
            String sopInstance = Attribute.getSingleStringValueOrEmptyString(meta, TagFromName.MediaStorageSOPInstanceUID);
            String transferSyntax = Attribute.getSingleStringValueOrEmptyString(meta, TagFromName.TransferSyntaxUID);
            if (sopClass.isEmpty() || sopInstance.isEmpty() || transferSyntax.isEmpty()) {
                throw new IOException(file + " is not a Part-10 file whose meta information names SOP class, instance and transfer syntax");
            }
            return new Instance(file, sopClass, sopInstance, transferSyntax);
        }

        String proposalKey() {
            return sopClassUid + " " + transferSyntax;
        }

        AttributeList readDataSet() throws IOException {
            AttributeList l = read(file, false);
            l.removeMetaInformationHeaderAttributes();
            return l;
        }

        StoreResult result(int status, String errorComment) {
            return new StoreResult(file, sopClassUid, sopInstanceUid, status, errorComment);
        }

        private static AttributeList read(Path file, boolean metaOnly) throws IOException {
            AttributeList l = new AttributeList();
            try {
                if (metaOnly) {
                    l.read(file.toFile(), TagFromName.PatientName);  // stops early in the data set; group 0002 is read whole
                } else {
                    l.read(file.toFile());
                }
            } catch (DicomException e) {
                throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            return l;
        }
    }

    /** Keeps what the C-STORE-RSP says (PixelMed's handler keeps only whether it counts as success). */
    private static final class Response extends CompositeResponseHandler {
        int commandField = -1;
        int messageIdBeingRespondedTo = -1;
        String errorComment = "";

        Response() {
            status = -1;
        }

        @Override
        protected void evaluateStatusAndSetSuccess(AttributeList list) {
            commandField = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.CommandField, -1);
            messageIdBeingRespondedTo = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.MessageIDBeingRespondedTo, -1);
            status = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Status, -1);
            errorComment = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.ErrorComment).strip();
            success = status == DicomStatus.SUCCESS;
        }
    }
}
