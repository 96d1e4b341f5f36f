package org.vertreg.jobs;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An AE the node sends to, as configured: {@code AE=host:port} ({@code ORTHANC=127.0.0.1:4242}). A list of these, rather
 * than a map keyed by AE title, fits in one environment variable ({@code VERTREG_JOBS_OUTPUTS_PEERS}).
 */
record DicomPeer(String aeTitle, String host, int port) {
    DicomPeer {
        Objects.requireNonNull(aeTitle, "aeTitle");
        Objects.requireNonNull(host, "host");
    }

    /** @throws IllegalArgumentException naming the entry when it is not AE=host:port with a port in 1-65535 */
    static DicomPeer parse(String entry) {
        String e = entry.trim();
        int eq = e.indexOf('='), colon = e.lastIndexOf(':');
        if (eq < 1 || colon < eq + 2 || colon == e.length() - 1) {
            throw new IllegalArgumentException("vertreg.jobs.outputs.peers: '" + entry + "' is not AE=host:port");
        }
        int port;
        try {
            port = Integer.parseInt(e.substring(colon + 1));
        } catch (NumberFormatException nan) {
            throw new IllegalArgumentException("vertreg.jobs.outputs.peers: '" + entry + "' has no port number");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("vertreg.jobs.outputs.peers: '" + entry + "' has port " + port + ", not 1-65535");
        }
        return new DicomPeer(e.substring(0, eq).trim(), e.substring(eq + 1, colon).trim(), port);
    }

    /** The peer called {@code aeTitle} among {@code entries}. */
    static Optional<DicomPeer> find(List<String> entries, String aeTitle) {
        return entries.stream().map(DicomPeer::parse).filter(p -> p.aeTitle().equals(aeTitle)).findFirst();
    }
}
