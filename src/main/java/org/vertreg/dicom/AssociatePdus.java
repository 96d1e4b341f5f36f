package org.vertreg.dicom;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The association-establishment PDUs an association-requestor writes and reads (PS3.8 §9.3.2–9.3.4, §9.3.8): the
 * A-ASSOCIATE-RQ, and the A-ASSOCIATE-AC, A-ASSOCIATE-RJ or A-ABORT that answers it. The node writes these itself because
 * PixelMed's own requestor opens its connection with neither a connect nor a read time-out (see {@link RequestedAssociation}).
 */
final class AssociatePdus {
    static final int A_ASSOCIATE_RQ = 0x01, A_ASSOCIATE_AC = 0x02, A_ASSOCIATE_RJ = 0x03, A_ABORT = 0x07;
    static final String DICOM_APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";
    /** Result/Reason of an accepted presentation context in an A-ASSOCIATE-AC. */
    static final int ACCEPTANCE = 0;

    private AssociatePdus() {
    }

    /** A presentation context the requestor proposes: an odd ID, one abstract syntax, transfer syntaxes in preference order. */
    record ProposedContext(int id, String abstractSyntax, List<String> transferSyntaxes) {
        ProposedContext {
            if (id < 1 || id > 255 || id % 2 == 0) {
                throw new IllegalArgumentException("a presentation context ID is odd, 1 to 255: " + id);
            }
            transferSyntaxes = List.copyOf(transferSyntaxes);
        }
    }

    /** The acceptor's answer to one proposed context: accepted ({@link #ACCEPTANCE}) with one transfer syntax, or why not. */
    record ContextResult(int id, int resultReason, String transferSyntax) {
        boolean accepted() {
            return resultReason == ACCEPTANCE;
        }

        String reason() {
            return switch (resultReason) {
                case 0 -> "acceptance";
                case 1 -> "user-rejection";
                case 3 -> "abstract-syntax-not-supported";
                case 4 -> "transfer-syntaxes-not-supported";
                default -> "no-reason";
            };
        }
    }

    /** What an A-ASSOCIATE-AC says: the contexts' results and the largest P-DATA-TF the acceptor takes (0: no limit). */
    record Accept(List<ContextResult> contexts, long maximumLength) {
    }

    static byte[] request(AeTitle called, AeTitle calling, List<ProposedContext> contexts, int maximumLength,
            String implementationClassUid, String implementationVersionName) {
        ByteArrayOutputStream items = new ByteArrayOutputStream();
        item(items, 0x10, ascii(DICOM_APPLICATION_CONTEXT));
        for (ProposedContext c : contexts) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(new byte[] {(byte) c.id(), 0, 0, 0});
            item(body, 0x30, ascii(c.abstractSyntax()));
            c.transferSyntaxes().forEach(ts -> item(body, 0x40, ascii(ts)));
            item(items, 0x20, body.toByteArray());
        }
        ByteArrayOutputStream user = new ByteArrayOutputStream();
        item(user, 0x51, ByteBuffer.allocate(4).putInt(maximumLength).array());
        item(user, 0x52, ascii(implementationClassUid));
        item(user, 0x55, ascii(implementationVersionName));
        item(items, 0x50, user.toByteArray());

        ByteArrayOutputStream pdu = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(pdu)) {
            out.writeByte(A_ASSOCIATE_RQ);
            out.writeByte(0);
            out.writeInt(68 + items.size());
            out.writeShort(1);  // protocol version 1
            out.writeShort(0);
            out.write(aeTitle(called));
            out.write(aeTitle(calling));
            out.write(new byte[32]);
            out.write(items.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);  // a ByteArrayOutputStream does not fail
        }
        return pdu.toByteArray();
    }

    /** Reads an A-ASSOCIATE-AC's variable items; {@code body} is the PDU after its 6-byte header. */
    static Accept readAccept(byte[] body) throws IOException {
        List<ContextResult> contexts = new ArrayList<>();
        long maximumLength = 0;
        ByteBuffer b = ByteBuffer.wrap(body);
        skip(b, 68);  // protocol version, reserved, AE titles echoed, reserved
        while (b.remaining() >= 4) {
            int type = b.get() & 0xFF;
            b.get();
            ByteBuffer item = slice(b, b.getShort() & 0xFFFF);
            if (type == 0x21) {
                int id = item.get() & 0xFF;
                item.get();
                int resultReason = item.get() & 0xFF;
                item.get();
                String transferSyntax = "";
                while (item.remaining() >= 4) {
                    int subType = item.get() & 0xFF;
                    item.get();
                    ByteBuffer sub = slice(item, item.getShort() & 0xFFFF);
                    if (subType == 0x40) {
                        transferSyntax = text(sub);
                    }
                }
                contexts.add(new ContextResult(id, resultReason, transferSyntax));
            } else if (type == 0x50) {
                while (item.remaining() >= 4) {
                    int subType = item.get() & 0xFF;
                    item.get();
                    ByteBuffer sub = slice(item, item.getShort() & 0xFFFF);
                    if (subType == 0x51 && sub.remaining() == 4) {
                        maximumLength = sub.getInt() & 0xFFFFFFFFL;
                    }
                }
            }
        }
        return new Accept(contexts, maximumLength);
    }

    /** An A-ASSOCIATE-RJ's result, source and reason in PS3.8's words (Table 9-21). */
    static String describeReject(byte[] body) {
        if (body.length < 4) {
            return "A-ASSOCIATE-RJ (truncated)";
        }
        int result = body[1] & 0xFF, source = body[2] & 0xFF, reason = body[3] & 0xFF;
        String why = switch (source * 256 + reason) {
            case 0x0101 -> "no-reason-given";
            case 0x0102 -> "application-context-name-not-supported";
            case 0x0103 -> "calling-AE-title-not-recognized";
            case 0x0107 -> "called-AE-title-not-recognized";
            case 0x0201 -> "no-reason-given";
            case 0x0202 -> "protocol-version-not-supported";
            case 0x0301 -> "temporary-congestion";
            case 0x0302 -> "local-limit-exceeded";
            default -> "reason " + reason;
        };
        String who = switch (source) {
            case 1 -> "service-user";
            case 2 -> "service-provider (ACSE)";
            case 3 -> "service-provider (presentation)";
            default -> "source " + source;
        };
        return "A-ASSOCIATE-RJ " + (result == 1 ? "rejected-permanent" : result == 2 ? "rejected-transient" : "result " + result)
                + ", " + who + ": " + why;
    }

    /** An A-ABORT's source and reason (PS3.8 Table 9-26). */
    static String describeAbort(byte[] body) {
        if (body.length < 4) {
            return "A-ABORT (truncated)";
        }
        int source = body[2] & 0xFF, reason = body[3] & 0xFF;
        String from = source == 0 ? "service-user" : source == 2 ? "service-provider, reason " + reason : "source " + source;
        return "A-ABORT from the " + from;
    }

    /** An AE title as the PDU holds it: 16 bytes, padded with spaces. */
    private static byte[] aeTitle(AeTitle title) {
        byte[] out = new byte[16];
        Arrays.fill(out, (byte) ' ');
        byte[] value = ascii(title.value());
        System.arraycopy(value, 0, out, 0, value.length);
        return out;
    }

    private static void item(ByteArrayOutputStream out, int type, byte[] value) {
        out.write(type);
        out.write(0);
        out.write(value.length >> 8);
        out.write(value.length);
        out.writeBytes(value);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII).replace("\0", "").strip();
    }

    private static void skip(ByteBuffer b, int n) throws IOException {
        if (b.remaining() < n) {
            throw new IOException("A-ASSOCIATE-AC truncated");
        }
        b.position(b.position() + n);
    }

    /** The next {@code length} bytes as their own buffer, {@code b} moved past them. */
    private static ByteBuffer slice(ByteBuffer b, int length) throws IOException {
        if (b.remaining() < length) {
            throw new IOException("A-ASSOCIATE-AC item runs past the end of the PDU");
        }
        ByteBuffer item = b.slice(b.position(), length);
        b.position(b.position() + length);
        return item;
    }
}
