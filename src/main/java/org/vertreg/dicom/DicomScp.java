package org.vertreg.dicom;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The node's DICOM service class provider: Verification and Storage (PS3.4 Annexes A and B).
 * Each connection is gated (is it an association request from a caller we admit?) and then served on
 * its own thread, at most {@code max-associations} at once.
 */
@ApplicationScoped
public class DicomScp {
    private static final Logger LOG = Logger.getLogger(DicomScp.class);

    @Inject
    DicomConfig config;
    @Inject
    ReceivedInstanceSink sink;
    @Inject
    IncomingFolder incomingFolder;
    @Inject
    Event<Object> events;

    private volatile ReplayingSocket.Server server;
    private ExecutorService workers;
    private Semaphore slots;
    private AeTitle aeTitle;
    private CallerPolicy callers;

    /** Late in start-up, after the archive has recovered from any interrupted run. */
    void onStart(@Observes @Priority(3000) StartupEvent ignored) throws IOException {
        ToolkitTimers.shortenReleaseWait();
        aeTitle = new AeTitle(config.aeTitle());
        callers = CallerPolicy.of(config.allowedCallingAeTitles().orElse(List.of()));
        slots = new Semaphore(config.maxAssociations());
        workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dicom-association");
            t.setDaemon(true);
            return t;
        });
        ReplayingSocket.Server socket = new ReplayingSocket.Server();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(config.bindAddress(), config.port()), 64);
        server = socket;
        Thread acceptor = new Thread(this::acceptLoop, "dicom-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.infof("DICOM SCP %s listening on %s:%d (callers: %s)", aeTitle, config.bindAddress(), port(),
                callers.allowed().isEmpty() ? "any" : callers.allowed());
    }

    void onStop(@Observes ShutdownEvent ignored) throws InterruptedException {
        ReplayingSocket.Server socket = server;
        server = null;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("closing the DICOM listener", e);
            }
        }
        if (workers != null) {
            workers.shutdown();
            workers.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** Whether the listener is bound and accepting: the readiness check asks this. */
    public boolean isListening() {
        ReplayingSocket.Server socket = server;
        return socket != null && socket.isBound() && !socket.isClosed();
    }

    public AeTitle aeTitle() {
        return aeTitle;
    }

    /** The port listened on: the configured one, or the free one the system chose for port 0 (as the tests ask). */
    public int port() {
        ReplayingSocket.Server socket = server;
        return socket != null ? socket.getLocalPort() : config.port();
    }

    private void acceptLoop() {
        while (isListening()) {
            try {
                ReplayingSocket socket = server.accept();
                workers.execute(() -> gateAndServe(socket));
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                LOG.warn("accepting a DICOM connection failed", e);
            }
        }
    }

    private void gateAndServe(ReplayingSocket socket) {
        String remote = String.valueOf(socket.getRemoteSocketAddress());
        AssociateRequestGate.AssociateRequest request;
        try {
            // Stays in force for the whole association: the toolkit sets no read timeout of its own.
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, config.idleTimeout().toMillis()));
            // A response is written in several small pieces; with Nagle's algorithm each would wait for the
            // peer's delayed ACK (about 40 ms per C-STORE).
            socket.setTcpNoDelay(true);
            request = AssociateRequestGate.read(new DataInputStream(socket.rawInputStream()));
        } catch (IOException e) {
            refuse(socket, remote, "", e.getMessage());
            return;
        }
        String caller = request.callingAeTitle();
        try {
            if (!callers.admits(caller)) {
                AssociateRequestGate.rejectCallingAeTitle(socket.getOutputStream());
                refuse(socket, remote, caller, "calling AE title " + caller + " is not among the allowed callers");
                return;
            }
            if (!slots.tryAcquire()) {
                AssociateRequestGate.rejectBusy(socket.getOutputStream());
                refuse(socket, remote, caller, "all " + config.maxAssociations() + " association slots are busy");
                return;
            }
        } catch (IOException e) {
            refuse(socket, remote, caller, e.getMessage());
            return;
        }
        try {
            socket.replayFirst(request.pdu());
            new AssociationSession(socket, aeTitle, caller, incomingFolder.path(), sink, events::fire).run();
        } finally {
            slots.release();
        }
    }

    private void refuse(ReplayingSocket socket, String remote, String caller, String reason) {
        LOG.warnf("refused DICOM connection from %s (calling AE '%s'): %s", remote, caller, reason);
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already gone.
        }
        events.fire(new DicomEvents.AssociationRefused(remote, caller, reason));
    }
}
