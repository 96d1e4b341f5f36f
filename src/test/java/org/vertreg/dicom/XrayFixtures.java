package org.vertreg.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Path;

/** Variants of an X-ray {@link XrayWriter} wrote, as other X-ray sources encode the same image, for tests outside dicom. */
public final class XrayFixtures {

    private XrayFixtures() {
    }

    /**
     * The same image as MONOCHROME1 (stored values inverted, bone dark in storage, Presentation LUT Shape INVERSE as
     * DICOM pairs with it, Pixel Intensity Relationship Sign flipped); the window is symmetric about the middle, so it
     * stays. A reader that honours MONOCHROME1 gets the original grey back.
     */
    public static Path monochrome1Copy(Path in, Path out) throws IOException {
        AttributeList l = read(in);
        try {
            short[] stored = l.get(TagFromName.PixelData).getShortValues().clone();
            for (int i = 0; i < stored.length; i++) {
                stored[i] = (short) (0xFFFF - (stored[i] & 0xFFFF));
            }
            l.get(TagFromName.PixelData).setValues(stored);
            DicomAttributes.put(l, "PhotometricInterpretation", "MONOCHROME1");
            DicomAttributes.put(l, "PresentationLUTShape", "INVERSE");
            DicomAttributes.put(l, "PixelIntensityRelationshipSign", "1");
        } catch (DicomException e) {
            throw new IOException(e);
        }
        return write(l, out);
    }

    /**
     * The same image with no projection geometry: no distances, magnification, Imager Pixel Spacing, positioner or
     * Patient Orientation, as a scanned film or a bare export arrives. The true pose stays.
     */
    public static Path withoutGeometry(Path in, Path out) throws IOException {
        AttributeList l = read(in);
        for (AttributeTag tag : new AttributeTag[] {TagFromName.DistanceSourceToDetector, TagFromName.DistanceSourceToPatient,
            TagFromName.EstimatedRadiographicMagnificationFactor, XrayWriter.IMAGER_PIXEL_SPACING, XrayWriter.POSITIONER_TYPE,
            XrayWriter.POSITIONER_PRIMARY_ANGLE, XrayWriter.POSITIONER_SECONDARY_ANGLE, TagFromName.PatientOrientation}) {
            l.remove(tag);
        }
        return write(l, out);
    }

    private static AttributeList read(Path file) throws IOException {
        AttributeList l = new AttributeList();
        try {
            l.read(file.toFile());
        } catch (DicomException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        l.removeMetaInformationHeaderAttributes();
        return l;
    }

    /** A new instance: a copy must not share its original's SOP Instance UID. */
    private static Path write(AttributeList l, Path out) throws IOException {
        try {
            DicomAttributes.put(l, "SOPInstanceUID", UidGenerator.newUid());
        } catch (DicomException e) {
            throw new IOException(e);
        }
        Part10Writer.write(l, out);
        return out;
    }
}
