package org.vertreg.dicom;

import java.util.Locale;
import java.util.Objects;
import org.vertreg.geometry.Pose;

/**
 * What a registration found, as the objects the node writes about it tell a reader: the vertebra, the quality score,
 * whether that score is too low to trust the result, and the pose (DESIGN.md §1: degrees, mm).
 */
public record RegistrationSummary(String vertebraLevel, double qualityScore, boolean lowConfidence, Pose pose) {
    /** Length limit of an LO value such as Content Description. */
    static final int LO_LENGTH = 64;

    public RegistrationSummary {
        vertebraLevel = DicomAttributes.checkedText(vertebraLevel, LO_LENGTH, "vertebra level");
        if (vertebraLevel.isEmpty()) {
            throw new IllegalArgumentException("vertebra level is missing");
        }
        if (!Double.isFinite(qualityScore)) {
            throw new IllegalArgumentException("quality score must be finite: " + qualityScore);
        }
        Objects.requireNonNull(pose, "pose");
    }

    /**
     * At most {@value #LO_LENGTH} characters, for an LO: {@code L3 Q=0.873 LOW CONFIDENCE R=1.2,-3.4,0.5deg
     * T=1.2,-3.4,10.2mm}; the pose is rounded to whole units if tenths do not fit, and the text cut if that does not fit
     * either. The exact values are kept elsewhere (a private block, Image Comments).
     */
    String shortText() {
        String text = "";
        for (String number : new String[] {"%.1f", "%.0f"}) {
            String angles = String.join(",", format(number, pose.rx(), pose.ry(), pose.rz()));
            String shifts = String.join(",", format(number, pose.tx(), pose.ty(), pose.tz()));
            text = String.format(Locale.ROOT, "%s Q=%.3f%s R=%sdeg T=%smm", vertebraLevel, qualityScore,
                    lowConfidence ? " LOW CONFIDENCE" : "", angles, shifts);
            if (text.length() <= LO_LENGTH) {
                return text;
            }
        }
        return text.substring(0, LO_LENGTH);
    }

    /** One line with every value, for a text of unlimited length (LT, ST). */
    String text() {
        return String.format(Locale.ROOT, "Vertebra %s registered, quality score %s%s; pose rx=%s ry=%s rz=%s deg, tx=%s ty=%s tz=%s mm",
                vertebraLevel, qualityScore, lowConfidence ? " (low confidence)" : "", pose.rx(), pose.ry(), pose.rz(),
                pose.tx(), pose.ty(), pose.tz());
    }

    private static String[] format(String number, double... values) {
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            String v = String.format(Locale.ROOT, number, values[i]);
            out[i] = v.matches("-0(\\.0+)?") ? v.substring(1) : v;  // no "-0.0" for a value that rounds to zero
        }
        return out;
    }
}
