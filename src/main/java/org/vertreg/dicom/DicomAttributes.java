package org.vertreg.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;

/** Builds attributes by their PS3.6 keyword with the dictionary's VR, for the node's DICOM writers. */
final class DicomAttributes {
    private DicomAttributes() {
    }

    /** Adds an attribute; no (or only empty) values make an empty, Type 2 attribute. */
    static void put(AttributeList list, String keyword, String... values) throws DicomException {
        Attribute a = list.putNewAttribute(tag(keyword));
        for (String v : values) {
            if (!v.isEmpty()) {
                a.addValue(v);
            }
        }
    }

    static void putIfNotEmpty(AttributeList list, String keyword, String value) throws DicomException {
        if (!value.isEmpty()) {
            put(list, keyword, value);
        }
    }

    static void putDecimals(AttributeList list, String keyword, double... values) throws DicomException {
        Attribute a = list.putNewAttribute(tag(keyword));
        for (double v : values) {
            a.addValue(v);
        }
    }

    /** A text option for a writer: stripped, at most {@code maxLength} characters, no backslash (the value separator). */
    /**
     * A numeric attribute's values, or null when absent or empty. Parsed here because PixelMed turns an unparsable DS
     * value into 0 without complaint: such a value throws {@link NumberFormatException}.
     */
    static double[] decimalsOrNull(AttributeList list, AttributeTag tag) {
        Attribute attribute = list.get(tag);
        if (attribute == null || attribute.getVM() == 0) {
            return null;
        }
        try {
            String[] strings = attribute.getStringValues();
            double[] values = new double[strings.length];
            for (int i = 0; i < strings.length; i++) {
                values[i] = Double.parseDouble(strings[i].strip());
            }
            return values;
        } catch (DicomException e) {
            throw new NumberFormatException(e.getMessage());
        }
    }

    static String checkedText(String value, int maxLength, String name) {
        String v = value == null ? "" : value.strip();
        if (v.length() > maxLength || v.contains("\\")) {
            throw new IllegalArgumentException(name + " must be at most " + maxLength + " characters without '\\': " + v);
        }
        return v;
    }

    static SequenceAttribute sequence(AttributeList list, String keyword) {
        SequenceAttribute s = new SequenceAttribute(tag(keyword));
        list.put(s);
        return s;
    }

    static AttributeTag tag(String keyword) {
        AttributeTag tag = DicomDictionary.StandardDictionary.getTagFromName(keyword);
        if (tag == null) {
            throw new IllegalArgumentException("unknown DICOM keyword " + keyword);
        }
        return tag;
    }

    /**
     * The header every object the node derives from an X-ray starts with: SOP Common, the X-ray's patient and study,
     * and a General Series of its own (Body Part Examined SPINE, unpaired, so Laterality may be absent).
     */
    static void putDerivedHeader(AttributeList l, String sopClassUid, String sopInstanceUid, PatientStudy xrayStudy, String modality,
            String seriesInstanceUid, String seriesNumber, String seriesDescription) throws DicomException {
        put(l, "SOPClassUID", sopClassUid);
        put(l, "SOPInstanceUID", sopInstanceUid);
        xrayStudy.putInto(l);
        put(l, "Modality", modality);
        put(l, "SeriesInstanceUID", seriesInstanceUid);
        put(l, "SeriesNumber", seriesNumber);
        put(l, "SeriesDescription", seriesDescription);
        put(l, "BodyPartExamined", "SPINE");
    }
}
