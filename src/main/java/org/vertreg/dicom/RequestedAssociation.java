package org.vertreg.dicom;

import com.pixelmed.dicom.VersionAndConstants;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.PresentationContext;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An association the node requests, negotiated here and then used through PixelMed's {@link Association} for the data
 * transfer (send, P-DATA-TF fragmentation, waiting for responses, release).
 *
 * <p>Why not PixelMed's own requestor ({@code AssociationFactory.createNewAssociation} with a host name): it opens its
 * socket with {@code new Socket(host, port)}, so a peer that is down or silent holds the caller for the system's TCP
 * connect time-out, or for ever while it waits for the A-ASSOCIATE-AC. Here the socket connects with a time-out, and its
 * read time-out covers negotiation and every wait for a response (PixelMed's release sets its own 5 s wait).
 */
final class RequestedAssociation extends Association {
    /** The largest PDU we send: the acceptor's limit, or this when it sets none or a larger one. */
    private static final int LARGEST_PDU_SENT = 1 << 20;
    /** An A-ASSOCIATE-AC longer than this is not one (a hundred contexts take a few kilobytes). */
    private static final int LARGEST_ANSWER = 1 << 20;

    private final Map<Integer, AssociatePdus.ContextResult> results;

    /**
     * Connects and negotiates.
     *
     * @throws IOException naming the peer when it cannot be reached, does not answer in time, rejects or aborts
     */
    RequestedAssociation(String host, int port, AeTitle called, AeTitle calling, List<AssociatePdus.ProposedContext> proposed,
            Duration connectTimeout, Duration readTimeout) throws IOException {
        String peer = called + " at " + host + ":" + port;
        this.calledAETitle = called.value();
        this.callingAETitle = calling.value();
        socket = new Socket();
        try {
            socket.setTcpNoDelay(true);  // a command and its response are small PDUs; do not hold them for ACKs
            socket.setSoTimeout(millis(readTimeout));
            socket.connect(new InetSocketAddress(host, port), millis(connectTimeout));
            in = socket.getInputStream();
            out = socket.getOutputStream();
            int ourMaximum = AssociationFactory.getDefaultMaximumLengthReceived();
            out.write(AssociatePdus.request(called, calling, proposed, ourMaximum, VersionAndConstants.implementationClassUID,
                    VersionAndConstants.implementationVersionName));
            out.flush();
            AssociatePdus.Accept accept = readAnswer();
            results = accept.contexts().stream()
                    .collect(Collectors.toMap(AssociatePdus.ContextResult::id, Function.identity(), (first, repeated) -> first));
            long theirMaximum = accept.maximumLength() == 0 ? LARGEST_PDU_SENT : accept.maximumLength();
            maximumLengthReceived = (int) Math.min(theirMaximum, LARGEST_PDU_SENT);  // PixelMed sends PDUs of this size
            presentationContexts = acceptedContexts(proposed);
        } catch (SocketTimeoutException e) {
            closeQuietly();
            throw new IOException("no answer from " + peer + " (time-outs: connect " + millis(connectTimeout) + " ms, read "
                    + millis(readTimeout) + " ms): " + e.getMessage(), e);
        } catch (IOException e) {
            closeQuietly();
            throw new IOException("cannot associate with " + peer + ": " + e.getMessage(), e);
        }
    }

    /** The acceptor's answer to the proposed context {@code id}, or null if it gave none. */
    AssociatePdus.ContextResult result(int id) {
        return results.get(id);
    }

    /**
     * Ends the association without release and closes the connection at once: PixelMed's {@link #abort()} waits its
     * ARTIM time (up to 5 s) first.
     */
    void abortQuietly() {
        try {
            out.write(new byte[] {AssociatePdus.A_ABORT, 0, 0, 0, 0, 4, 0, 0, 0, 0});  // service-user, no reason
            out.flush();
        } catch (IOException | RuntimeException ignored) {
            // The connection is going anyway.
        }
        closeQuietly();
    }

    void closeQuietly() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already gone.
        }
    }

    private AssociatePdus.Accept readAnswer() throws IOException {
        DataInputStream data = new DataInputStream(in);
        int type = data.readUnsignedByte();
        data.readUnsignedByte();
        long length = data.readInt() & 0xFFFFFFFFL;
        if (length > LARGEST_ANSWER) {
            throw new IOException(String.format("answer of type 0x%02X is implausibly long (%d bytes)", type, length));
        }
        byte[] body = new byte[(int) length];
        data.readFully(body);
        return switch (type) {
            case AssociatePdus.A_ASSOCIATE_AC -> AssociatePdus.readAccept(body);
            case AssociatePdus.A_ASSOCIATE_RJ -> throw new IOException(AssociatePdus.describeReject(body));
            case AssociatePdus.A_ABORT -> throw new IOException(AssociatePdus.describeAbort(body));
            default -> throw new IOException(String.format("answer is a PDU of type 0x%02X, not A-ASSOCIATE-AC or -RJ", type));
        };
    }

    /** PixelMed's view of the accepted contexts, which its {@link #getTransferSyntaxForPresentationContextID} reads. */
    private LinkedList<PresentationContext> acceptedContexts(List<AssociatePdus.ProposedContext> proposed) {
        LinkedList<PresentationContext> accepted = new LinkedList<>();
        for (AssociatePdus.ProposedContext p : proposed) {
            AssociatePdus.ContextResult r = results.get(p.id());
            if (r != null && r.accepted()) {
                accepted.add(new PresentationContext((byte) p.id(), (byte) AssociatePdus.ACCEPTANCE, p.abstractSyntax(),
                        r.transferSyntax()));
            }
        }
        return accepted;
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    @Override
    public String getCallingAEHostName() {
        return socket.getLocalAddress().getHostAddress();
    }

    @Override
    public String getCalledAEHostName() {
        return socket.getInetAddress() == null ? "" : socket.getInetAddress().getHostAddress();
    }

    @Override
    public int getCallingAEPort() {
        return socket.getLocalPort();
    }

    @Override
    public int getCalledAEPort() {
        return socket.getPort();
    }
}
