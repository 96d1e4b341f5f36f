package org.vertreg.dicom;

import java.nio.file.Path;

/**
 * A composite instance received by C-STORE and written, complete and synced, as a Part-10 file in the
 * archive's incoming folder. The sink that takes it decides whether it is kept.
 */
public record ReceivedInstance(Path file, String sopClassUid, String sopInstanceUid, String transferSyntaxUid,
                               String callingAeTitle, String remoteAddress) {
}
