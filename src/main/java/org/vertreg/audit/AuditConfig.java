package org.vertreg.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;
import java.util.OptionalInt;

/** Where the audit trail also goes ({@code vertreg.audit.*}). */
@ConfigMapping(prefix = "vertreg.audit")
public interface AuditConfig {

    /** Syslog collector (an ATNA audit record repository) the audit messages go to; empty: none. */
    Optional<String> syslogHost();

    /** Its port; empty: the transport's standard port (601 for tcp, 6514 for tls). */
    OptionalInt syslogPort();

    /** APP-NAME of the syslog messages. */
    @WithDefault("vertreg")
    String syslogAppName();

    /** How the messages travel: plain TCP or TLS, both with octet-counting framing. */
    @WithDefault("tcp")
    Transport syslogTransport();

    /** PKCS12 store with the collector's certificate or its CA (tls only, and then required). */
    Optional<String> syslogTrustStore();

    /** Password of the trust store. */
    Optional<String> syslogTrustStorePassword();

    /** PKCS12 store with the node's own key and certificate, shown to collectors that ask for client authentication. */
    Optional<String> syslogKeyStore();

    /** Password of the key store, and of the key in it. */
    Optional<String> syslogKeyStorePassword();

    enum Transport {
        /** RFC 6587: plain TCP. */
        TCP(601),
        /** RFC 5425: TLS over TCP, both sides authenticated as IHE ATNA asks of a secure node. */
        TLS(6514);

        private final int standardPort;

        Transport(int standardPort) {
            this.standardPort = standardPort;
        }

        /** The port the RFC assigns; a collector not told otherwise listens there. */
        public int standardPort() {
            return standardPort;
        }
    }
}
