package org.vertreg.dicom;

/** One image an object the node writes refers to: its SOP Class and SOP Instance UIDs and the series it belongs to. */
public record ReferencedImage(String sopClassUid, String sopInstanceUid, String seriesInstanceUid) {

    public ReferencedImage {
        sopClassUid = UidArguments.required(sopClassUid, "Referenced SOP Class UID");
        sopInstanceUid = UidArguments.required(sopInstanceUid, "Referenced SOP Instance UID");
        seriesInstanceUid = UidArguments.required(seriesInstanceUid, "Series Instance UID of the referenced image");
    }
}
