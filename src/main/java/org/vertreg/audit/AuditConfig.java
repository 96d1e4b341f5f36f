package org.vertreg.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Where the audit trail also goes ({@code vertreg.audit.*}). */
@ConfigMapping(prefix = "vertreg.audit")
public interface AuditConfig {

    /** Syslog collector (an ATNA audit record repository) the audit messages go to; empty: none. */
    Optional<String> syslogHost();

    /** Its TCP port (RFC 6587 octet counting). */
    @WithDefault("601")
    int syslogPort();

    /** APP-NAME of the syslog messages. */
    @WithDefault("vertreg")
    String syslogAppName();
}
