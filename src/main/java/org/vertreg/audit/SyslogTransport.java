package org.vertreg.audit;

import java.io.IOException;
import java.net.Socket;

/** How the forwarder reaches the syslog collector. */
public interface SyslogTransport {

    /**
     * A connection ready for syslog frames: connected and, over TLS, with both sides' certificates accepted. A
     * connection the collector refuses fails here, before any message is written into it.
     */
    Socket open(String host, int port) throws IOException;
}
