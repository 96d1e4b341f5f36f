package org.vertreg.testing;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * DICOM UIDs for test data as a function of a name (a name-based UUID under the {@code 2.25} root, as
 * {@code UidGenerator} writes a random one): every run sends the same objects, so a failure repeats. Tests whose
 * objects meet in one database give distinct names.
 */
public final class TestUids {
    private TestUids() {
    }

    public static String of(String name) {
        UUID uuid = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
        byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, bytes);
    }
}
