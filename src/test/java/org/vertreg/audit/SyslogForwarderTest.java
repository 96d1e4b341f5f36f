package org.vertreg.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.testing.Await;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Audit messages to a syslog collector this test runs, and kept on disk while it is down. */
class SyslogForwarderTest {
    static final Pattern HEADER = Pattern.compile("^<85>1 (\\S+) (\\S+) vertreg (\\d+) IHE\\+RFC-3881 - \uFEFF(<\\?xml.*)$", Pattern.DOTALL);

    @TempDir
    Path spool;

    /**
     * A syslog collector: reads octet-counted RFC 6587 frames from each connection until closed. Given a TLS server
     * socket, it does the handshake first and notes who connected, or why the handshake failed.
     */
    static final class Collector implements AutoCloseable {
        final ServerSocket server;
        final List<String> messages = new CopyOnWriteArrayList<>();
        /** The certificate subject and TLS version of each client that completed a handshake. */
        final List<String> clients = new CopyOnWriteArrayList<>();
        /** Why each failed TLS handshake failed. */
        final List<String> refusals = new CopyOnWriteArrayList<>();
        final Thread thread;
        volatile Socket connection;

        Collector(int port) throws IOException {
            this(bound(new ServerSocket(), port));
        }

        Collector(ServerSocket server) {
            this.server = server;
            thread = new Thread(this::accept, "collector");
            thread.setDaemon(true);
            thread.start();
        }

        /** {@code server} listening on the loopback at {@code port} (0: a free one), taken again at once when closed. */
        static <S extends ServerSocket> S bound(S server, int port) throws IOException {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress("127.0.0.1", port));
            return server;
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    connection = s;
                    if (s instanceof SSLSocket tls && !handshake(tls)) {
                        continue;
                    }
                    DataInputStream data = new DataInputStream(in);
                    while (true) {
                        StringBuilder length = new StringBuilder();
                        int c;
                        while ((c = data.read()) != ' ') {
                            if (c < 0) {
                                throw new IOException("closed");
                            }
                            length.append((char) c);
                        }
                        byte[] message = new byte[Integer.parseInt(length.toString())];
                        data.readFully(message);
                        messages.add(new String(message, StandardCharsets.UTF_8));
                    }
                } catch (IOException closed) {
                    // next connection, or the end
                }
            }
        }

        private boolean handshake(SSLSocket tls) throws IOException {
            try {
                tls.startHandshake();
                clients.add(tls.getSession().getPeerPrincipal().getName() + " over " + tls.getSession().getProtocol());
                return true;
            } catch (SSLException refused) {
                refusals.add(String.valueOf(refused.getMessage()));
                return false;
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            Socket c = connection;
            if (c != null) {
                c.close(); // the collector goes down whole, its open connection too
            }
        }
    }

    /** A port free at the time of asking, for a collector that must come back where it was. */
    static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    static int waiting(SyslogForwarder forwarder) {
        try {
            return forwarder.pending().size();
        } catch (IOException e) {
            return -1;
        }
    }

    static Document xmlOf(String message) throws Exception {
        Matcher m = HEADER.matcher(message);
        assertTrue(m.matches(), message);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(m.group(4).getBytes(StandardCharsets.UTF_8)));
    }

    static Element first(Document d, String name) {
        return (Element) d.getElementsByTagName(name).item(0);
    }

    @Test
    void auditEventsArriveAsDicomAuditMessagesAndWaitOnDiskWhileTheCollectorIsDown() throws Exception {
        int port = freePort();
        Clock clock = Clock.fixed(Instant.parse("2026-12-06T10:11:12.345Z"), ZoneOffset.UTC);
        try (Collector collector = new Collector(port);
             SyslogForwarder forwarder = new SyslogForwarder("127.0.0.1", port, spool, "node-1", "vertreg", clock)) {
            forwarder.forward("VERTREG", "INSTANCE_STORED", AuditOutcome.SUCCESS, "CARM", "/127.0.0.1:48250", "1.2.3.4", "1.2.3", null);
            forwarder.forward("VERTREG", "ASSOCIATION_REFUSED", AuditOutcome.REFUSED, "STRANGER", "/10.0.0.9:4000", null, null,
                    "calling AE title <STRANGER> not allowed & refused");
            Await.until(() -> collector.messages.size(), n -> n == 2, Duration.ofSeconds(30), "two audit messages");

            Document stored = xmlOf(collector.messages.get(0));
            Element event = first(stored, "EventIdentification");
            assertEquals("C", event.getAttribute("EventActionCode"));
            assertEquals("0", event.getAttribute("EventOutcomeIndicator"));
            assertEquals("2026-12-06T10:11:12.345Z", event.getAttribute("EventDateTime"));
            assertEquals("110104", first(stored, "EventID").getAttribute("csd-code"));
            assertEquals("INSTANCE_STORED", first(stored, "EventTypeCode").getAttribute("csd-code"));
            Element requestor = first(stored, "ActiveParticipant");
            assertEquals("CARM", requestor.getAttribute("UserID"));
            assertEquals("127.0.0.1", requestor.getAttribute("NetworkAccessPointID"));
            assertEquals("VERTREG", first(stored, "AuditSourceIdentification").getAttribute("AuditSourceID"));
            assertEquals(2, stored.getElementsByTagName("ParticipantObjectIdentification").getLength());
            assertEquals("1.2.3", first(stored, "ParticipantObjectIdentification").getAttribute("ParticipantObjectID"));

            Document refused = xmlOf(collector.messages.get(1));
            assertEquals("4", first(refused, "EventIdentification").getAttribute("EventOutcomeIndicator"));
            assertEquals("calling AE title <STRANGER> not allowed & refused", first(refused, "EventOutcomeDescription").getTextContent());
            assertEquals(0, forwarder.pending().size(), "sent messages leave the spool");

            collector.close();
            Await.until(() -> !collector.thread.isAlive(), down -> down, Duration.ofSeconds(10), "the collector down");
            for (int i = 1; i <= 3; i++) {
                forwarder.forward("VERTREG", "JOB_RETRIED", AuditOutcome.SUCCESS, "api", null, "1.2.3." + i, null, "job " + i);
            }
            Await.until(() -> waiting(forwarder), n -> n == 3, Duration.ofSeconds(30), "three messages waiting on disk");

            try (Collector back = new Collector(port)) {
                Await.until(() -> back.messages.size(), n -> n == 3, Duration.ofSeconds(30), "the waiting messages, once it is back");
                for (int i = 1; i <= 3; i++) {
                    assertEquals("job " + i, first(xmlOf(back.messages.get(i - 1)), "EventOutcomeDescription").getTextContent(), "in order");
                }
            }
        }
    }
}
