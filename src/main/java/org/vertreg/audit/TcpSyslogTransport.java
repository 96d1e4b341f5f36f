package org.vertreg.audit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Syslog over plain TCP (RFC 6587). */
public final class TcpSyslogTransport implements SyslogTransport {
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    @Override
    public Socket open(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
