package org.vertreg.dicom;

/** UID arguments of the node's writers: stripped, and valid (PS3.5 §9.1) where given. */
final class UidArguments {
    private UidArguments() {
    }

    /** A UID that must be given. */
    static String required(String value, String name) {
        String v = optional(value, name);
        if (v.isEmpty()) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return v;
    }

    /** A UID that may be empty. */
    static String optional(String value, String name) {
        String v = value == null ? "" : value.strip();
        if (!v.isEmpty() && !Uids.isValid(v)) {
            throw new IllegalArgumentException(name + " is not a valid UID: " + v);
        }
        return v;
    }
}
