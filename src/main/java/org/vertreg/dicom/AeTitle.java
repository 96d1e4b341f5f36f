package org.vertreg.dicom;

/** A DICOM Application Entity title (PS3.5 AE VR): 1-16 characters, no backslash or control characters, not all spaces. */
public record AeTitle(String value) {

    public AeTitle {
        if (value == null) {
            throw new IllegalArgumentException("AE title is missing");
        }
        value = value.strip();
        if (value.isEmpty() || value.length() > 16) {
            throw new IllegalArgumentException("AE title must have 1 to 16 characters: '" + value + "'");
        }
        for (char c : value.toCharArray()) {
            if (c == '\\' || c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("AE title has a forbidden character: '" + value + "'");
            }
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
