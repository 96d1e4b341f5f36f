package org.vertreg.dicom;

import java.util.regex.Pattern;

/** The form PS3.5 §9.1 gives a UID: at most 64 characters, numeric components without leading zeros, dot-separated. */
public final class Uids {
    private static final Pattern UID = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");

    private Uids() {
    }

    public static boolean isValid(String uid) {
        return uid != null && uid.length() <= 64 && UID.matcher(uid).matches();
    }

    /** What is wrong with {@code uid}, first words of an error comment; empty when it is valid. */
    static String problem(String uid) {
        if (uid.length() > 64) {
            return uid.length() + " characters, more than 64,";
        }
        if (!uid.matches("[0-9.]+")) {
            return "characters other than digits and dots";
        }
        if (uid.startsWith(".") || uid.endsWith(".") || uid.contains("..")) {
            return "an empty component";
        }
        return UID.matcher(uid).matches() ? "" : "a leading zero in a component";
    }
}
