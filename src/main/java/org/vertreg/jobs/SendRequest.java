package org.vertreg.jobs;

import java.util.List;
import java.util.Objects;

/**
 * Outputs to send: stored instances (by SOP Instance UID) and where to.
 *
 * @param registrationJobId the registration that made them
 */
public record SendRequest(long registrationJobId, List<String> sopInstanceUids, String aeTitle, String host, int port) {
    public SendRequest {
        Objects.requireNonNull(aeTitle, "aeTitle");
        Objects.requireNonNull(host, "host");
        sopInstanceUids = List.copyOf(sopInstanceUids);
        if (sopInstanceUids.isEmpty() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("a send needs instances and a port in 1-65535");
        }
    }

    public String uniqueKey() {
        return registrationJobId + "->" + aeTitle;
    }
}
