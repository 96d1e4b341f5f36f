package org.vertreg.dicom;

import java.nio.file.Path;
import java.util.Optional;

/** Refuses a compressed image whose pixel data the node cannot decode, rather than keep what it cannot use. */
public final class PixelDataCheck {
    private PixelDataCheck() {
    }

    public static void requireDecodable(Path file, String sopClassUid, String transferSyntaxUid) throws DicomStatusException {
        if (!StorageSopClasses.isImage(sopClassUid) || !AcceptedTransferSyntaxes.isCompressed(transferSyntaxUid)) {
            return;
        }
        Optional<String> reason = CtSliceReader.undecodableReason(file.toFile());
        if (reason.isPresent()) {
            throw new DicomStatusException(DicomStatus.CANNOT_UNDERSTAND,
                    "pixel data in " + transferSyntaxUid + " cannot be decoded: " + reason.get());
        }
    }
}
