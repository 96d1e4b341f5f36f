package org.vertreg.audit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import org.jboss.logging.Logger;
import org.vertreg.archive.ArchiveConfig;
import org.vertreg.dicom.DicomConfig;

/** The node's syslog forwarder, when {@code vertreg.audit.syslog-host} names a collector; its spool lives in the archive. */
@ApplicationScoped
public class AuditSyslog {
    private static final Logger LOG = Logger.getLogger(AuditSyslog.class);

    @Inject
    AuditConfig config;
    @Inject
    ArchiveConfig archive;
    @Inject
    DicomConfig dicom;
    @Inject
    Clock clock;

    private volatile SyslogForwarder forwarder;

    void start(@Observes StartupEvent started) throws IOException {
        if (config.syslogHost().isEmpty()) {
            return;
        }
        SyslogTransport transport = SyslogTransports.from(config); // unusable TLS settings stop the start here
        int port = SyslogTransports.port(config);
        forwarder = new SyslogForwarder(transport, config.syslogHost().get(), port, Path.of(archive.root()).resolve("audit-spool"),
                InetAddress.getLocalHost().getHostName(), config.syslogAppName(), clock);
        LOG.infof("audit messages go to syslog at %s:%d over %s", config.syslogHost().get(), port, config.syslogTransport());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (forwarder != null) {
            forwarder.close();
        }
    }

    void forward(String eventType, AuditOutcome outcome, String actor, String remoteAddress, String objectUid, String studyUid, String detail) {
        SyslogForwarder f = forwarder;
        if (f != null) {
            f.forward(dicom.aeTitle(), eventType, outcome, actor, remoteAddress, objectUid, studyUid, detail);
        }
    }
}
