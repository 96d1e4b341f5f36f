package org.vertreg.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The texts of an X-ray that may name the vertebra it was taken for, in the order a registration trusts them: Requested
 * Procedure Description, Performed Procedure Step Description, Image Comments, and one more attribute a site names
 * (e.g. a private tag its C-arm fills). Empty texts are left out.
 */
public final class LevelHints {
    private LevelHints() {
    }

    /** @param extraTag a tag "gggg,eeee" to read too, or null */
    public static Map<String, String> read(Path file, String extraTag) throws IOException {
        AttributeList l = new AttributeList();
        try {
            l.read(file.toFile(), TagFromName.PixelData);
        } catch (DicomException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> texts = new LinkedHashMap<>();
        put(texts, "Requested Procedure Description", l, TagFromName.RequestedProcedureDescription);
        put(texts, "Performed Procedure Step Description", l, TagFromName.PerformedProcedureStepDescription);
        put(texts, "Image Comments", l, TagFromName.ImageComments);
        if (extraTag != null && !extraTag.isBlank()) {
            String[] ge = extraTag.replace("(", "").replace(")", "").split(",");
            if (ge.length != 2) {
                throw new IllegalArgumentException("a tag is gggg,eeee: " + extraTag);
            }
            put(texts, "(" + ge[0].trim() + "," + ge[1].trim() + ")", l,
                    new AttributeTag(Integer.parseInt(ge[0].trim(), 16), Integer.parseInt(ge[1].trim(), 16)));
        }
        return texts;
    }

    private static void put(Map<String, String> texts, String name, AttributeList l, AttributeTag tag) {
        String v = Attribute.getDelimitedStringValuesOrEmptyString(l, tag).trim();
        if (!v.isEmpty()) {
            texts.put(name, v);
        }
    }
}
