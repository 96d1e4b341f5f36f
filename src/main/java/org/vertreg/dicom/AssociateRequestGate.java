package org.vertreg.dicom;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the A-ASSOCIATE-RQ PDU (PS3.8 §9.3.2) before the toolkit does, so that the node can refuse a
 * caller it does not know, or a connection that does not speak DICOM, with an A-ASSOCIATE-RJ of its own.
 */
final class AssociateRequestGate {
    static final int A_ASSOCIATE_RQ = 0x01;
    /** Generous bound: a request with a hundred presentation contexts is a few kilobytes. */
    static final int MAX_REQUEST_LENGTH = 1 << 20;

    /** The request's raw bytes (header included) and the calling AE title it names. */
    record AssociateRequest(byte[] pdu, String callingAeTitle, String calledAeTitle) {
    }

    /** Thrown when the first bytes on a connection are not an A-ASSOCIATE-RQ. */
    static final class NotAnAssociateRequest extends IOException {
        NotAnAssociateRequest(String message) {
            super(message);
        }
    }

    static AssociateRequest read(DataInputStream in) throws IOException {
        byte[] header = new byte[6];
        try {
            in.readFully(header);
        } catch (EOFException e) {
            throw new NotAnAssociateRequest("connection closed before an association request");
        }
        int type = header[0] & 0xFF;
        long length = ((header[2] & 0xFFL) << 24) | ((header[3] & 0xFF) << 16) | ((header[4] & 0xFF) << 8) | (header[5] & 0xFF);
        if (type != A_ASSOCIATE_RQ) {
            throw new NotAnAssociateRequest(String.format("first PDU has type 0x%02X, not A-ASSOCIATE-RQ", type));
        }
        if (length < 68 || length > MAX_REQUEST_LENGTH) {
            throw new NotAnAssociateRequest("A-ASSOCIATE-RQ has an implausible length " + length);
        }
        byte[] pdu = new byte[6 + (int) length];
        System.arraycopy(header, 0, pdu, 0, 6);
        try {
            in.readFully(pdu, 6, (int) length);
        } catch (EOFException e) {
            throw new NotAnAssociateRequest("A-ASSOCIATE-RQ truncated");
        }
        String called = new String(pdu, 10, 16, StandardCharsets.US_ASCII).strip();
        String calling = new String(pdu, 26, 16, StandardCharsets.US_ASCII).strip();
        return new AssociateRequest(pdu, calling, called);
    }

    /** Result 1 = rejected-permanent, source 1 = service-user, reason 3 = calling-AE-title-not-recognized. */
    static void rejectCallingAeTitle(OutputStream out) throws IOException {
        reject(out, 1, 1, 3);
    }

    /** Result 2 = rejected-transient, source 3 = service-provider (presentation), reason 2 = local-limit-exceeded. */
    static void rejectBusy(OutputStream out) throws IOException {
        reject(out, 2, 3, 2);
    }

    private static void reject(OutputStream out, int result, int source, int reason) throws IOException {
        out.write(new byte[] {0x03, 0, 0, 0, 0, 4, 0, (byte) result, (byte) source, (byte) reason});
        out.flush();
    }
}
