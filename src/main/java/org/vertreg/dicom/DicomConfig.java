package org.vertreg.dicom;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The DICOM service's configuration ({@code vertreg.dicom.*}). */
@ConfigMapping(prefix = "vertreg.dicom")
public interface DicomConfig {

    /** The node's AE title, which callers must address (called AE title). */
    @WithDefault("VERTREG")
    String aeTitle();

    /** TCP port of the DICOM service (upper layer, PS3.8). */
    @WithDefault("11112")
    int port();

    /** Local address to listen on; 0.0.0.0 listens on all interfaces. */
    @WithDefault("0.0.0.0")
    String bindAddress();

    /** Calling AE titles allowed to associate; when empty, any caller is accepted. */
    Optional<List<String>> allowedCallingAeTitles();

    /** Associations served at once; further requests are rejected as transient (local limit exceeded). */
    @WithDefault("16")
    int maxAssociations();

    /**
     * How long a connection may stay silent (before its association request, or between requests) before the
     * node drops it, so that a peer that hangs cannot hold an association slot for ever.
     */
    @WithDefault("60s")
    Duration idleTimeout();
}
