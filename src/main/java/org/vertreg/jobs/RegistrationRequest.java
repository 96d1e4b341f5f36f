package org.vertreg.jobs;

import java.util.Objects;

/**
 * An X-ray to register.
 *
 * @param sopInstanceUid  the X-ray, as the archive holds it
 * @param callingAeTitle  who sent it (the default destination of the outputs); null when queued over REST
 * @param level           the level asked for, or 0 to choose by the node's rules (the X-ray's attributes, configuration,
 *                        else every prepared level)
 * @param requestedBy     who queued it ("dicom" for an X-ray that arrived, else a user)
 */
public record RegistrationRequest(String sopInstanceUid, String callingAeTitle, int level, String requestedBy) {
    public RegistrationRequest {
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        if (level < 0) {
            throw new IllegalArgumentException("a level is a positive number, or 0 for the node's choice: " + level);
        }
    }

    /** Whether instances of {@code sopClassUid} can be registered: projection X-rays (DX, CR, XA, RF). */
    public static boolean registers(String sopClassUid) {
        return org.vertreg.dicom.StorageSopClasses.PROJECTION_XRAYS.contains(sopClassUid);
    }

    /** One registration per X-ray unless asked again by hand with another level. */
    public String uniqueKey() {
        return level == 0 ? sopInstanceUid : sopInstanceUid + "/" + level;
    }
}
