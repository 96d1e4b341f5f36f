package org.vertreg.dicom;

import java.nio.file.Path;

/**
 * A composite instance received by C-STORE and written, complete and synced, as a Part-10 file in the archive's
 * incoming folder, with a copy of its first bytes and the SHA-256 of its data set as received (the File Meta
 * Information, which names the sender, left out). The sink that takes it decides whether it is kept.
 */
public record ReceivedInstance(Path file, byte[] leadingBytes, String sopClassUid, String sopInstanceUid,
                               String transferSyntaxUid, String dataSetSha256, String callingAeTitle, String remoteAddress) {

    /** The instance's header, parsed from the leading bytes kept in memory when they reach Pixel Data, else from the file. */
    InstanceHeaderReader.Reading reading() throws DicomStatusException {
        boolean deflated = AcceptedTransferSyntaxes.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.equals(transferSyntaxUid);
        return InstanceHeaderReader.read(deflated ? new byte[0] : leadingBytes, file);
    }

    /**
     * A Part-10 file the node made itself (a registration's output), written and synced in the incoming folder, to be
     * kept by the archive like a received one; {@code aeTitle} is the node's own.
     */
    public static ReceivedInstance ofOwnFile(Path file, String aeTitle) throws DicomStatusException, java.io.IOException {
        InstanceHeader h = InstanceHeaderReader.read(file);
        return new ReceivedInstance(file, new byte[0], h.sopClassUid(), h.sopInstanceUid(), h.transferSyntaxUid(), DataSetHash.ofPart10File(file),
                aeTitle, "local");
    }
}
