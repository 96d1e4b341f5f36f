package org.vertreg.dicom;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately low-level DICOM upper-layer client for tests: it writes PDUs byte by byte, so a test can
 * send what no well-behaved toolkit would (a mismatched C-STORE, a data set cut short, garbage).
 */
final class RawAssociation implements AutoCloseable {
    static final String APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    /** Presentation context id → (result, accepted transfer syntax) from the A-ASSOCIATE-AC. */
    final Map<Integer, Object[]> contexts = new LinkedHashMap<>();
    int rejectResult = -1;
    int rejectReason = -1;

    private RawAssociation(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(20_000);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static Socket connect(int port) throws IOException {
        return new Socket("127.0.0.1", port);
    }

    /** This end of {@code socket} as the node names it in its audit trail ({@code /127.0.0.1:port}). */
    static String remoteAddressSeenByNode(Socket socket) {
        return String.valueOf(socket.getLocalSocketAddress());
    }

    String remoteAddressSeenByNode() {
        return remoteAddressSeenByNode(socket);
    }

    /** Sends an A-ASSOCIATE-RQ proposing one context per abstract syntax (ids 1, 3, 5, ...), each with the given syntaxes. */
    static RawAssociation open(int port, String called, String calling, List<String> abstractSyntaxes, List<String> transferSyntaxes)
            throws IOException {
        RawAssociation a = new RawAssociation(connect(port));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(new byte[] {0, 1, 0, 0});
        body.write(ae(called));
        body.write(ae(calling));
        body.write(new byte[32]);
        item(body, 0x10, ascii(APPLICATION_CONTEXT));
        int id = 1;
        for (String as : abstractSyntaxes) {
            ByteArrayOutputStream pc = new ByteArrayOutputStream();
            pc.write(new byte[] {(byte) id, 0, 0, 0});
            item(pc, 0x30, ascii(as));
            for (String ts : transferSyntaxes) {
                item(pc, 0x40, ascii(ts));
            }
            item(body, 0x20, pc.toByteArray());
            id += 2;
        }
        ByteArrayOutputStream user = new ByteArrayOutputStream();
        item(user, 0x51, ByteBuffer.allocate(4).putInt(16384).array());
        item(user, 0x52, ascii("1.2.826.0.1.3680043.10.1234.1"));
        item(body, 0x50, user.toByteArray());
        a.writePdu(0x01, body.toByteArray());
        a.readAssociateAnswer();
        return a;
    }

    boolean accepted() {
        return rejectResult < 0;
    }

    int result(int contextId) {
        return (Integer) contexts.get(contextId)[0];
    }

    /** Sends one C-STORE-RQ (command + data set, data set split into fragments) and returns the response status. */
    int store(int contextId, String sopClass, String sopInstance, byte[] dataSet) throws IOException {
        return storeAnswer(contextId, sopClass, sopInstance, dataSet).status();
    }

    /** A C-STORE-RSP: its status and Error Comment (0000,0902), null when it has none. */
    record Answer(int status, String errorComment) {
    }

    Answer storeAnswer(int contextId, String sopClass, String sopInstance, byte[] dataSet) throws IOException {
        sendCommandAndData(contextId, sopClass, sopInstance, dataSet, dataSet.length);
        byte[] response = readCommand();
        byte[] comment = findValue(response, 0x0902);
        return new Answer(findUs(response, 0x0900), comment == null ? null : new String(comment, StandardCharsets.US_ASCII).strip());
    }

    /** Sends the command and only the first {@code dataBytes} of the data set, without its last-fragment flag. */
    void storeTruncated(int contextId, String sopClass, String sopInstance, byte[] dataSet, int dataBytes) throws IOException {
        sendCommandAndData(contextId, sopClass, sopInstance, dataSet, dataBytes);
    }

    int echo(int contextId) throws IOException {
        byte[] cmd = command(0x0030, "1.2.840.10008.1.1", null, 0x0101);
        writePdv(contextId, cmd, true, true);
        return readStatus();
    }

    void release() throws IOException {
        writePdu(0x05, new byte[4]);
        int type = in.readUnsignedByte();
        in.readUnsignedByte();
        int length = in.readInt();
        in.readFully(new byte[length]);
        if (type != 0x06) {
            throw new IOException("expected A-RELEASE-RP, got PDU type " + type);
        }
    }

    private void sendCommandAndData(int contextId, String sopClass, String sopInstance, byte[] dataSet, int dataBytes)
            throws IOException {
        writePdv(contextId, command(0x0001, sopClass, sopInstance, 0x0000), true, true);
        int fragment = 16000;
        for (int offset = 0; offset < dataBytes; offset += fragment) {
            int n = Math.min(fragment, dataBytes - offset);
            boolean last = offset + n == dataSet.length;
            byte[] part = new byte[n];
            System.arraycopy(dataSet, offset, part, 0, n);
            writePdv(contextId, part, false, last);
        }
        out.flush();
    }

    private int readStatus() throws IOException {
        return findUs(readCommand(), 0x0900);
    }

    private byte[] readCommand() throws IOException {
        ByteArrayOutputStream command = new ByteArrayOutputStream();
        while (true) {
            int type = in.readUnsignedByte();
            in.readUnsignedByte();
            int length = in.readInt();
            byte[] pdu = new byte[length];
            in.readFully(pdu);
            if (type != 0x04) {
                throw new IOException("expected P-DATA-TF, got PDU type " + type);
            }
            ByteBuffer b = ByteBuffer.wrap(pdu);
            boolean last = false;
            while (b.hasRemaining()) {
                int pdvLength = b.getInt();
                b.get();
                int control = b.get() & 0xFF;
                byte[] value = new byte[pdvLength - 2];
                b.get(value);
                command.write(value);
                last = (control & 0x02) != 0;
            }
            if (last) {
                return command.toByteArray();
            }
        }
    }

    /** Implicit VR little endian command group 0000 (PS3.7 §9.3). */
    static byte[] command(int field, String sopClass, String sopInstance, int dataSetType) {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        ui(b, 0x0002, sopClass);
        us(b, 0x0100, field);
        us(b, 0x0110, 7);
        if (field == 0x0001) {
            us(b, 0x0700, 0);
        }
        us(b, 0x0800, dataSetType);
        if (sopInstance != null) {
            ui(b, 0x1000, sopInstance);
        }
        int groupLength = b.position();
        ByteBuffer whole = ByteBuffer.allocate(groupLength + 12).order(ByteOrder.LITTLE_ENDIAN);
        whole.putShort((short) 0).putShort((short) 0).putInt(4).putInt(groupLength);
        whole.put(b.array(), 0, groupLength);
        return whole.array();
    }

    private static void ui(ByteBuffer b, int element, String uid) {
        byte[] v = ascii(uid.length() % 2 == 0 ? uid : uid + "\0");
        b.putShort((short) 0).putShort((short) element).putInt(v.length).put(v);
    }

    private static void us(ByteBuffer b, int element, int value) {
        b.putShort((short) 0).putShort((short) element).putInt(2).putShort((short) value);
    }

    private static int findUs(byte[] command, int element) {
        byte[] value = findValue(command, element);
        if (value == null) {
            throw new IllegalStateException("no (0000," + Integer.toHexString(element) + ") in response");
        }
        return ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
    }

    private static byte[] findValue(byte[] command, int element) {
        ByteBuffer b = ByteBuffer.wrap(command).order(ByteOrder.LITTLE_ENDIAN);
        while (b.remaining() >= 8) {
            int group = b.getShort() & 0xFFFF;
            int el = b.getShort() & 0xFFFF;
            int length = b.getInt();
            if (group == 0 && el == element) {
                byte[] value = new byte[length];
                b.get(value);
                return value;
            }
            b.position(b.position() + length);
        }
        return null;
    }

    private void writePdv(int contextId, byte[] value, boolean command, boolean last) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(6 + value.length);
        b.putInt(value.length + 2).put((byte) contextId).put((byte) ((command ? 1 : 0) | (last ? 2 : 0))).put(value);
        writePdu(0x04, b.array());
    }

    void writePdu(int type, byte[] body) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(6 + body.length);
        b.put((byte) type).put((byte) 0).putInt(body.length).put(body);
        out.write(b.array());
        out.flush();
    }

    private void readAssociateAnswer() throws IOException {
        int type = in.readUnsignedByte();
        in.readUnsignedByte();
        int length = in.readInt();
        byte[] body = new byte[length];
        in.readFully(body);
        if (type == 0x03) {
            rejectResult = body[1] & 0xFF;
            rejectReason = body[3] & 0xFF;
            return;
        }
        if (type != 0x02) {
            throw new IOException("expected A-ASSOCIATE-AC or -RJ, got PDU type " + type);
        }
        ByteBuffer b = ByteBuffer.wrap(body);
        b.position(68);
        while (b.hasRemaining()) {
            int itemType = b.get() & 0xFF;
            b.get();
            int itemLength = b.getShort() & 0xFFFF;
            byte[] item = new byte[itemLength];
            b.get(item);
            if (itemType == 0x21) {
                int id = item[0] & 0xFF;
                int result = item[2] & 0xFF;
                int tsLength = ((item[6] & 0xFF) << 8) | (item[7] & 0xFF);
                String ts = new String(item, 8, tsLength, StandardCharsets.US_ASCII).replace("\0", "").strip();
                contexts.put(id, new Object[] {result, ts});
            }
        }
    }

    private static void item(ByteArrayOutputStream out, int type, byte[] value) {
        out.write(type);
        out.write(0);
        out.write((value.length >> 8) & 0xFF);
        out.write(value.length & 0xFF);
        out.writeBytes(value);
    }

    private static byte[] ae(String title) {
        return ascii(String.format("%-16s", title));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Blocks until the node closes the connection; returns what the last read gave (-1 at end of stream). */
    int awaitClosedByPeer(java.time.Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        int b;
        do {
            b = in.read();
        } while (b >= 0);
        return b;
    }

    /** Closes the connection abruptly, as a crashed peer would. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
