package org.vertreg.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.Vector3;

/** Reads back what {@link XrayWriter} wrote: the true pose an X-ray carries and its grey image. */
public final class XrayReader {
    private static final Pattern COMMENT = Pattern.compile(XrayWriter.COMMENT_PREFIX
            + " rx=(\\S+) ry=(\\S+) rz=(\\S+) tx=(\\S+) ty=(\\S+) tz=(\\S+) centroid=([^\\\\\\s]+)\\\\([^\\\\\\s]+)\\\\([^\\\\\\s]+)");

    private XrayReader() {
    }

    /**
     * The true pose an X-ray carries when {@link XrayWriter} made it, or empty: an X-ray from a patient carries none (or
     * one this reader cannot use), which is not an error for those who only compare when they can.
     */
    public static java.util.Optional<XrayWriter.TruePose> findTruePose(Path file) {
        try {
            return java.util.Optional.of(readTruePose(file));
        } catch (IOException | RuntimeException none) {
            return java.util.Optional.empty();
        }
    }

    /** The true pose of an X-ray {@link XrayWriter} wrote: from the private block if present, else from Image Comments. */
    public static XrayWriter.TruePose readTruePose(Path file) throws IOException {
        AttributeList l = new AttributeList();
        try {
            l.read(file.toFile());
        } catch (DicomException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        for (int block = 0x10; block <= 0xFF; block++) {
            String creator = Attribute.getSingleStringValueOrEmptyString(l, new AttributeTag(XrayWriter.PRIVATE_GROUP, block)).strip();
            if (creator.equals(XrayWriter.PRIVATE_CREATOR)) {
                double[] p = Attribute.getDoubleValues(l, new AttributeTag(XrayWriter.PRIVATE_GROUP, (block << 8) | 0x01));
                double[] c = Attribute.getDoubleValues(l, new AttributeTag(XrayWriter.PRIVATE_GROUP, (block << 8) | 0x02));
                if (p != null && p.length == 6 && c != null && c.length == 3) {
                    return new XrayWriter.TruePose(new Pose(p[0], p[1], p[2], p[3], p[4], p[5]), new Vector3(c[0], c[1], c[2]));
                }
            }
        }
        String comment = Attribute.getSingleStringValueOrEmptyString(l, TagFromName.ImageComments);
        XrayWriter.TruePose fromComment = parseComment(comment);
        if (fromComment == null) {
            throw new IOException(file + " carries no true pose (no " + XrayWriter.PRIVATE_CREATOR + " block and no '" + XrayWriter.COMMENT_PREFIX + "' comment)");
        }
        return fromComment;
    }

    /** The pose in an Image Comments text, or null if it holds none. */
    static XrayWriter.TruePose parseComment(String comment) {
        Matcher m = COMMENT.matcher(comment == null ? "" : comment);
        if (!m.find()) {
            return null;
        }
        double[] v = new double[9];
        try {
            for (int i = 0; i < 9; i++) {
                v[i] = Double.parseDouble(m.group(i + 1));
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return new XrayWriter.TruePose(new Pose(v[0], v[1], v[2], v[3], v[4], v[5]), new Vector3(v[6], v[7], v[8]));
    }

    /** The grey image (stored / 257) of an X-ray XrayWriter wrote, row-major. */
    public static float[] readGrey(Path file) throws IOException {
        AttributeList l = new AttributeList();
        try {
            l.read(file.toFile());
            short[] s = l.get(TagFromName.PixelData).getShortValues();
            float[] grey = new float[s.length];
            for (int i = 0; i < s.length; i++) {
                grey[i] = (s[i] & 0xFFFF) / (float) XrayWriter.GREY_TO_STORED;
            }
            return grey;
        } catch (DicomException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
