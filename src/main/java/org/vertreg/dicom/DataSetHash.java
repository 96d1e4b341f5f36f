package org.vertreg.dicom;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a data set's bytes, without the Part-10 File Meta Information (which names the sender and so differs
 * between copies of one instance): the same value {@link ReceivedInstance#dataSetSha256()} holds for a file the node
 * stored, for stored files indexed before the hash was kept and for those recovery indexes.
 */
public final class DataSetHash {
    private DataSetHash() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The hash of a Part-10 file written with its File Meta Information group length first, as the node writes them. */
    public static String ofPart10File(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] head = in.readNBytes(128 + 4 + 12);
            ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
            if (head.length < 144 || b.getInt(128) != 0x4D434944 || b.getShort(132) != 0x0002 || b.getShort(134) != 0x0000) {
                throw new IOException("not a Part-10 file with a File Meta Information group length");
            }
            in.skipNBytes(Integer.toUnsignedLong(b.getInt(140)));
            MessageDigest digest = newDigest();
            try (DigestInputStream rest = new DigestInputStream(in, digest)) {
                rest.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
