package org.vertreg.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.network.Association;
import com.pixelmed.network.CompositeResponseHandler;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.PDataPDU;
import com.pixelmed.network.PresentationDataValue;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Receives one DIMSE request (C-ECHO or C-STORE) from an association. A C-STORE data set is streamed
 * straight into a Part-10 file in the incoming folder and synced to disk; nothing is kept in memory but
 * the command. Extends the toolkit's response handler only to reuse its P-DATA plumbing.
 */
final class DimseRequestReceiver extends CompositeResponseHandler {
    static final int C_STORE_RQ = 0x0001;
    static final int C_ECHO_RQ = 0x0030;
    /** Enough for the attributes before Pixel Data of nearly any image, so its header is parsed without re-reading the file. */
    static final int LEADING_BYTES = 64 * 1024;

    private final Path incomingFolder;
    private final String callingAeTitle;
    private final ByteArrayOutputStream command = new ByteArrayOutputStream(256);
    private AttributeList commandList;
    private byte presentationContextId;
    private Path file;
    private String transferSyntaxUid;
    private FileChannel channel;
    private OutputStream out;
    private LeadingBytes lead;
    private IOException writeFailure;
    private final MessageDigest dataSetDigest = DataSetHash.newDigest();

    DimseRequestReceiver(Path incomingFolder, String callingAeTitle) {
        this.incomingFolder = incomingFolder;
        this.callingAeTitle = callingAeTitle;
    }

    @Override
    public void sendPDataIndication(PDataPDU pdu, Association association) throws DicomNetworkException, DicomException, IOException {
        for (Object o : pdu.getPDVList()) {
            PresentationDataValue pdv = (PresentationDataValue) o;
            if (pdv.isCommand()) {
                receiveCommandFragment(pdv, association);
            } else {
                receiveDataFragment(pdv);
            }
        }
    }

    private void receiveCommandFragment(PresentationDataValue pdv, Association association)
            throws DicomNetworkException, DicomException, IOException {
        if (commandList != null) {
            throw new DicomNetworkException("a second command arrived before the first was answered");
        }
        command.write(pdv.getValue());
        if (!pdv.isLastFragment()) {
            return;
        }
        presentationContextId = pdv.getPresentationContextID();
        commandList = getAttributeListFromCommandOrData(command.toByteArray(), TransferSyntax.ImplicitVRLittleEndian);
        int field = commandField();
        if (field == C_ECHO_RQ) {
            setDone(true);
        } else if (field == C_STORE_RQ) {
            openFile(association.getTransferSyntaxForPresentationContextID(presentationContextId));
        } else {
            throw new DicomNetworkException(String.format("unsupported DIMSE command 0x%04X", field));
        }
    }

    private void openFile(String transferSyntaxUid) throws IOException, DicomException {
        this.transferSyntaxUid = transferSyntaxUid;
        file = Files.createTempFile(incomingFolder, "cstore-", ".part");
        channel = FileChannel.open(file, StandardOpenOption.WRITE);
        lead = new LeadingBytes(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16), LEADING_BYTES);
        out = lead;
        FileMetaInformation meta = new FileMetaInformation(sopClassUid(), sopInstanceUid(), transferSyntaxUid, callingAeTitle);
        DicomOutputStream dout = new DicomOutputStream(out, TransferSyntax.ExplicitVRLittleEndian, null);
        meta.getAttributeList().write(dout);
        dout.flush();
    }

    private void receiveDataFragment(PresentationDataValue pdv) throws DicomNetworkException {
        if (commandList == null || commandField() != C_STORE_RQ) {
            throw new DicomNetworkException("data set fragment without a C-STORE request");
        }
        if (writeFailure == null) {
            try {
                out.write(pdv.getValue());
                dataSetDigest.update(pdv.getValue());
            } catch (IOException e) {
                // Keep reading the stream so the peer gets a status, not a broken association.
                writeFailure = e;
            }
        }
        if (pdv.isLastFragment()) {
            closeFile();
            setDone(true);
        }
    }

    private void closeFile() {
        try {
            out.flush();
            channel.force(false); // fdatasync: the data and the size, which is all a reader needs
        } catch (IOException e) {
            if (writeFailure == null) {
                writeFailure = e;
            }
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                if (writeFailure == null) {
                    writeFailure = e;
                }
            }
        }
    }

    /** Removes a partially written file after the association broke mid-transfer. */
    void discardPartialFile() {
        if (channel != null && channel.isOpen()) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // The file goes anyway.
            }
        }
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // Left for the start-up sweep of the incoming folder.
            }
        }
    }

    @Override
    protected void evaluateStatusAndSetSuccess(AttributeList list) {
        // Requests, not responses, arrive here; there is no status to evaluate.
    }

    boolean isEcho() {
        return commandField() == C_ECHO_RQ;
    }

    int commandField() {
        return Attribute.getSingleIntegerValueOrDefault(commandList, TagFromName.CommandField, 0xFFFF);
    }

    int messageId() {
        return Attribute.getSingleIntegerValueOrDefault(commandList, TagFromName.MessageID, 0);
    }

    String sopClassUid() {
        return Attribute.getSingleStringValueOrEmptyString(commandList, TagFromName.AffectedSOPClassUID);
    }

    String sopInstanceUid() {
        return Attribute.getSingleStringValueOrEmptyString(commandList, TagFromName.AffectedSOPInstanceUID);
    }

    byte presentationContextId() {
        return presentationContextId;
    }

    String transferSyntaxUid() {
        return transferSyntaxUid;
    }

    /** The first bytes of the Part-10 file, as written. */
    byte[] leadingBytes() {
        return lead == null ? new byte[0] : lead.bytes();
    }

    Path file() {
        return file;
    }

    /** SHA-256 of the data set's bytes as received, in hex: what tells a repeated instance from a conflicting one. */
    String dataSetSha256() {
        return HexFormat.of().formatHex(dataSetDigest.digest());
    }

    IOException writeFailure() {
        return writeFailure;
    }
}
