package org.vertreg.audit;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Syslog over TLS (RFC 5425): TLS 1.2 or 1.3 only, the collector's certificate checked against the trust store and
 * against the host name it is reached by, the node's certificate shown when the collector asks for it.
 */
public final class TlsSyslogTransport implements SyslogTransport {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final int HANDSHAKE_TIMEOUT_MS = 10_000;
    /** How long after a TLS 1.3 handshake the collector has to refuse the node's certificate. */
    private static final int VERDICT_MS = 1_000;

    private final SSLSocketFactory factory;
    private final TcpSyslogTransport tcp = new TcpSyslogTransport();

    public TlsSyslogTransport(SSLContext context) {
        this.factory = context.getSocketFactory();
    }

    @Override
    public Socket open(String host, int port) throws IOException {
        Socket plain = tcp.open(host, port);
        SSLSocket tls;
        try {
            tls = (SSLSocket) factory.createSocket(plain, host, port, true);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
        try {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setProtocols(PROTOCOLS);
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host (RFC 5425 §5.2)
            tls.setSSLParameters(parameters);
            handshake(tls);
            if ("TLSv1.3".equals(tls.getSession().getProtocol())) {
                awaitVerdict(tls);
            }
            tls.setSoTimeout(0);
            return tls;
        } catch (IOException | RuntimeException e) {
            tls.close();
            throw e;
        }
    }

    private static void handshake(SSLSocket tls) throws IOException {
        tls.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
        try {
            tls.startHandshake();
        } catch (SocketTimeoutException e) {
            throw new SSLHandshakeException("no TLS handshake from the collector within " + HANDSHAKE_TIMEOUT_MS / 1000 + " s (a plain TCP port?)");
        }
    }

    /**
     * In TLS 1.3 the node's side of the handshake ends before the collector has checked the node's certificate; a
     * refusal comes as an alert just after. A message written before it arrived would leave the spool unsent.
     */
    private static void awaitVerdict(SSLSocket tls) throws IOException {
        tls.setSoTimeout(VERDICT_MS);
        try {
            if (tls.getInputStream().read() < 0) {
                throw new SSLException("the collector closed the connection after the TLS handshake (did it refuse the node's certificate?)");
            }
        } catch (SocketTimeoutException accepted) {
            // no alert: the collector took the node's certificate (it sends no data of its own)
        }
    }
}
