package org.vertreg.audit;

import java.nio.file.Path;

/** The syslog transport {@code vertreg.audit.*} asks for; settings that cannot work stop the node's start. */
public final class SyslogTransports {
    private SyslogTransports() {
    }

    /** @throws IllegalArgumentException naming the setting that is missing, contradictory or unusable */
    public static SyslogTransport from(AuditConfig config) {
        return switch (config.syslogTransport()) {
            case TCP -> {
                // stores given but transport left at tcp is a forgotten switch: refuse rather than send unencrypted
                if (config.syslogTrustStore().isPresent() || config.syslogKeyStore().isPresent()) {
                    throw new IllegalArgumentException("vertreg.audit.syslog-trust-store or syslog-key-store is set but "
                            + "vertreg.audit.syslog-transport is tcp; set it to tls (or remove the stores)");
                }
                yield new TcpSyslogTransport();
            }
            case TLS -> {
                Path trustStore = Path.of(config.syslogTrustStore().orElseThrow(() -> new IllegalArgumentException(
                        "vertreg.audit.syslog-transport is tls but vertreg.audit.syslog-trust-store (the collector's certificate or CA) is not set")));
                Path keyStore = config.syslogKeyStore().map(Path::of).orElse(null);
                if (keyStore != null && config.syslogKeyStorePassword().isEmpty()) {
                    throw new IllegalArgumentException("vertreg.audit.syslog-key-store is set without vertreg.audit.syslog-key-store-password");
                }
                try {
                    yield new TlsSyslogTransport(SyslogTlsContext.load(trustStore, config.syslogTrustStorePassword().orElse(null), keyStore,
                            config.syslogKeyStorePassword().orElse(null)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("audit syslog over TLS: " + e.getMessage(), e);
                }
            }
        };
    }

    /** The configured port, or the transport's standard one. */
    public static int port(AuditConfig config) {
        return config.syslogPort().orElse(config.syslogTransport().standardPort());
    }
}
