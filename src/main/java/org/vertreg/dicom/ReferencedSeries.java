package org.vertreg.dicom;

import java.util.List;

/**
 * A series an object the node writes refers to as a whole (the CT a registration maps from): its study, its frame of
 * reference and, when known, its instances. With no instances it is referred to by its Frame of Reference UID alone.
 *
 * @param sopClassUid     the instances' SOP Class UID; required when there are instances
 * @param sopInstanceUids the instances, possibly none
 */
public record ReferencedSeries(String studyInstanceUid, String seriesInstanceUid, String frameOfReferenceUid,
                               String sopClassUid, List<String> sopInstanceUids) {

    public ReferencedSeries {
        studyInstanceUid = UidArguments.required(studyInstanceUid, "Study Instance UID of the referenced series");
        seriesInstanceUid = UidArguments.required(seriesInstanceUid, "Series Instance UID of the referenced series");
        frameOfReferenceUid = UidArguments.required(frameOfReferenceUid, "Frame of Reference UID of the referenced series");
        sopInstanceUids = sopInstanceUids.stream().map(uid -> UidArguments.required(uid, "Referenced SOP Instance UID")).toList();
        sopClassUid = sopInstanceUids.isEmpty() ? UidArguments.optional(sopClassUid, "Referenced SOP Class UID")
                : UidArguments.required(sopClassUid, "Referenced SOP Class UID");
    }

    /** A series referred to by its frame of reference only. */
    public static ReferencedSeries byFrameOfReference(String studyInstanceUid, String seriesInstanceUid, String frameOfReferenceUid) {
        return new ReferencedSeries(studyInstanceUid, seriesInstanceUid, frameOfReferenceUid, "", List.of());
    }
}
