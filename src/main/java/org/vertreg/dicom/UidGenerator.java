package org.vertreg.dicom;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * New DICOM UIDs under the {@code 2.25} root (PS3.5 B.2): a random UUID written as one unsigned decimal integer.
 * No organisation root is needed and the result is at most 44 characters, well under the 64 allowed.
 */
public final class UidGenerator {

    private UidGenerator() {}

    public static String newUid() {
        UUID uuid = UUID.randomUUID();
        byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, bytes);
    }
}
