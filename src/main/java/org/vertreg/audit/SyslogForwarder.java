package org.vertreg.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import org.jboss.logging.Logger;

/**
 * Sends audit messages to a syslog collector as IHE ATNA asks: RFC 5424 messages (facility authpriv, severity notice,
 * MSGID {@code IHE+RFC-3881}) carrying the DICOM audit message, with octet-counting framing over TCP (RFC 6587) or TLS
 * (RFC 5425). Each message is first written to a spool folder and deleted only once sent, so messages wait on disk, in
 * order, while the collector is down or its TLS handshake fails, and survive a restart of the node.
 */
public final class SyslogForwarder implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SyslogForwarder.class);
    /** facility 10 (authpriv, security messages) × 8 + severity 5 (notice). */
    static final int PRIORITY = 85;
    static final String MSGID = "IHE+RFC-3881";
    private static final long RETRY_MS = 2_000;

    private final SyslogTransport transport;
    private final String host;
    private final int port;
    private final Path spool;
    private final String hostname;
    private final String appName;
    private final Clock clock;
    private final AtomicLong sequence;
    private final Thread sender;
    private final Object wake = new Object();
    private volatile boolean running = true;
    /** The last TLS failure reported, so that a collector refusing every two seconds is reported once. */
    private String tlsProblem;

    /**
     * @param spool    where messages wait until sent (created if missing); what an earlier run left there is sent first
     * @param hostname this node's host name, as the messages name it
     */
    public SyslogForwarder(String host, int port, Path spool, String hostname, String appName, Clock clock) throws IOException {
        this(new TcpSyslogTransport(), host, port, spool, hostname, appName, clock);
    }

    /** @param transport how the collector is reached (plain TCP or TLS) */
    public SyslogForwarder(SyslogTransport transport, String host, int port, Path spool, String hostname, String appName, Clock clock)
            throws IOException {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.spool = Files.createDirectories(spool);
        this.hostname = Objects.requireNonNull(hostname, "hostname");
        this.appName = Objects.requireNonNull(appName, "appName");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sequence = new AtomicLong(pending().stream().mapToLong(SyslogForwarder::number).max().orElse(0));
        this.sender = new Thread(this::send, "audit-syslog");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /** Queues one audit event; it reaches the collector as soon as the collector answers. */
    public void forward(String sourceId, String eventType, AuditOutcome outcome, String actor, String remoteAddress, String objectUid,
            String studyUid, String detail) {
        String xml = DicomAuditMessage.xml(sourceId, clock.instant(), eventType, outcome, actor, remoteAddress, objectUid, studyUid, detail);
        String message = "<" + PRIORITY + ">1 " + DateTimeFormatter.ISO_INSTANT.format(clock.instant()) + " " + hostname + " " + appName + " "
                + ProcessHandle.current().pid() + " " + MSGID + " - \uFEFF" + xml;
        try {
            long n = sequence.incrementAndGet();
            Path tmp = spool.resolve(String.format("%020d.tmp", n));
            Files.writeString(tmp, message, StandardCharsets.UTF_8);
            Files.move(tmp, spool.resolve(String.format("%020d.msg", n)), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.errorf("audit message for %s not spooled (%s); the audit table still holds the event", eventType, e.getMessage());
            return;
        }
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** Messages waiting in the spool, oldest first. */
    List<Path> pending() throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".msg")).sorted().toList();
        }
    }

    private static long number(Path f) {
        String name = f.getFileName().toString();
        return Long.parseLong(name.substring(0, name.indexOf('.')));
    }

    private void send() {
        while (running) {
            try (Socket socket = connect()) {
                OutputStream out = socket.getOutputStream();
                while (running) {
                    List<Path> waiting = pending();
                    if (!waiting.isEmpty() && peerClosed(socket)) {
                        throw new IOException("the collector closed the connection");
                    }
                    for (Path f : waiting) {
                        byte[] message = Files.readAllBytes(f);
                        // octet counting: the length in bytes, a space, the message
                        out.write((message.length + " ").getBytes(StandardCharsets.US_ASCII));
                        out.write(message);
                        out.flush();
                        Files.delete(f);
                    }
                    if (waiting.isEmpty()) {
                        synchronized (wake) {
                            if (pending().isEmpty()) {
                                wake.wait(1_000);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                LOG.debugf("syslog collector %s:%d unreachable (%s); audit messages wait in %s", host, port, e.getMessage(), spool);
                pause();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * A connection to the collector. A failed TLS handshake is a warning, unlike a collector that is down: it usually
     * waits for someone to mend a certificate or trust store.
     */
    private Socket connect() throws IOException {
        try {
            Socket socket = transport.open(host, port);
            if (tlsProblem != null) {
                LOG.infof("TLS with syslog collector %s:%d established; the waiting audit messages go out", host, port);
                tlsProblem = null;
            }
            return socket;
        } catch (SSLException e) {
            refused(e);
            throw e;
        }
    }

    private void refused(SSLException e) {
        String problem = String.valueOf(e.getMessage());
        if (!problem.equals(tlsProblem)) {
            LOG.warnf("TLS with syslog collector %s:%d failed: %s. Does the trust store hold its certificate (or CA), does that certificate "
                    + "name %s, does the collector trust the node's certificate? Audit messages wait in %s and are sent once it succeeds",
                    host, port, problem, host, spool);
        } else {
            LOG.debugf("TLS with syslog collector %s:%d still failing (%s)", host, port, problem);
        }
        tlsProblem = problem;
    }

    /**
     * Whether the collector has closed the connection: a write to a closed TCP peer can still succeed into the local
     * buffer, and its message would be deleted from the spool unsent. (Syslog over TCP has no acknowledgement; this
     * narrows the window to a close during the write itself.)
     */
    private static boolean peerClosed(Socket socket) throws IOException {
        socket.setSoTimeout(1);
        try {
            return socket.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException open) {
            return false;
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MS);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        sender.interrupt();
        try {
            sender.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
