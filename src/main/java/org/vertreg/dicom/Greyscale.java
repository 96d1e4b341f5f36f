package org.vertreg.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The stages of PS3.3 C.11 from stored values to grey 0..255 with bone bright. */
final class Greyscale {
    private static final AttributeTag MODALITY_LUT_SEQUENCE = new AttributeTag(0x0028, 0x3000);
    private static final double OUT_MAX = 255;

    static float[] toGrey(Path file, AttributeList l, int[] stored, List<String> notes) throws IOException {
        boolean signed = Attribute.getSingleIntegerValueOrDefault(l, TagFromName.PixelRepresentation, 0) == 1;
        double[] values = modality(file, l, stored, signed);
        float[] grey = voi(file, l, values, signed, notes);
        if (inverted(l, notes)) {
            for (int i = 0; i < grey.length; i++) {
                grey[i] = (float) (OUT_MAX - grey[i]);
            }
        }
        return grey;
    }

    private static double[] modality(Path file, AttributeList l, int[] stored, boolean signed) throws IOException {
        double[] out = new double[stored.length];
        AttributeList lutItem = RadiographReader.firstItem(l, MODALITY_LUT_SEQUENCE);
        if (lutItem != null) {
            Lut lut = Lut.of(file, lutItem, signed, "Modality LUT Sequence (0028,3000)");
            for (int i = 0; i < stored.length; i++) {
                out[i] = lut.map(stored[i]);
            }
            return out;
        }
        double slope = RadiographReader.first(file, l, TagFromName.RescaleSlope, 1);
        double intercept = RadiographReader.first(file, l, TagFromName.RescaleIntercept, 0);
        for (int i = 0; i < stored.length; i++) {
            out[i] = stored[i] * slope + intercept;
        }
        return out;
    }

    private static float[] voi(Path file, AttributeList l, double[] x, boolean signed, List<String> notes) throws IOException {
        float[] y = new float[x.length];
        double[] centres = RadiographReader.numbers(file, l, TagFromName.WindowCenter);
        double[] widths = RadiographReader.numbers(file, l, TagFromName.WindowWidth);
        AttributeList lutItem = RadiographReader.firstItem(l, TagFromName.VOILUTSequence);
        if (centres != null && widths != null) {
            double c = centres[0], w = widths[0];
            String function = Attribute.getSingleStringValueOrEmptyString(l, TagFromName.VOILUTFunction).strip();
            if (function.isEmpty()) {
                function = "LINEAR";
            } else if (!Set.of("LINEAR", "LINEAR_EXACT", "SIGMOID").contains(function)) {
                notes.add("VOI LUT Function (0028,1056) " + function + " is not defined by DICOM: LINEAR is used");
                function = "LINEAR";
            }
            boolean usable = function.equals("LINEAR") ? w >= 1 : w > 0;
            if (usable) {
                if (Math.min(centres.length, widths.length) > 1) {
                    notes.add(Math.min(centres.length, widths.length) + " windows: the first, centre " + RadiographReader.num(c) + " width " + RadiographReader.num(w)
                            + ", is used");
                }
                if (lutItem != null) {
                    notes.add("both a window and a VOI LUT Sequence (0028,3010): the window is used");
                }
                for (int i = 0; i < x.length; i++) {
                    y[i] = (float) window(function, c, w, x[i]);
                }
                return y;
            }
            notes.add("Window Width (0028,1051) " + RadiographReader.num(w) + " is not usable with " + function + ": the window is ignored");
        }
        if (lutItem != null) {
            if (((SequenceAttribute) l.get(TagFromName.VOILUTSequence)).getNumberOfItems() > 1) {
                notes.add("several VOI LUTs: the first is used");
            }
            Lut lut = Lut.of(file, lutItem, signed, "VOI LUT Sequence (0028,3010)");
            double scale = OUT_MAX / ((1 << lut.bits()) - 1);
            for (int i = 0; i < x.length; i++) {
                y[i] = (float) Math.min(OUT_MAX, lut.map(Math.round(x[i])) * scale);
            }
            return y;
        }
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        notes.add("no Window Center/Width (0028,1050/1051) or VOI LUT Sequence (0028,3010): the frame's range " + RadiographReader.num(min) + " to "
                + RadiographReader.num(max) + " is shown as 0 to 255");
        double range = max - min;
        for (int i = 0; i < x.length; i++) {
            y[i] = range > 0 ? (float) ((x[i] - min) / range * OUT_MAX) : 0f;
        }
        return y;
    }

    /** PS3.3 C.11.2.1.2.1 (LINEAR), C.11.2.1.3.2 (LINEAR_EXACT) and C.11.2.1.3.1 (SIGMOID), to 0..255. */
    static double window(String function, double c, double w, double x) {
        switch (function) {
            case "SIGMOID":
                return OUT_MAX / (1 + Math.exp(-4 * (x - c) / w));
            case "LINEAR_EXACT":
                return x <= c - w / 2 ? 0 : x > c + w / 2 ? OUT_MAX : ((x - c) / w + 0.5) * OUT_MAX;
            default:
                if (x <= c - 0.5 - (w - 1) / 2) {
                    return 0;
                }
                if (x > c - 0.5 + (w - 1) / 2) {
                    return OUT_MAX;
                }
                return ((x - (c - 0.5)) / (w - 1) + 0.5) * OUT_MAX;
        }
    }

    private static boolean inverted(AttributeList l, List<String> notes) {
        boolean monochrome1 = Attribute.getSingleStringValueOrEmptyString(l, TagFromName.PhotometricInterpretation).strip()
                .equals("MONOCHROME1");
        String shape = Attribute.getSingleStringValueOrEmptyString(l, TagFromName.PresentationLUTShape).strip();
        if (monochrome1 && shape.equals("IDENTITY")) {
            notes.add("MONOCHROME1 with Presentation LUT Shape (2050,0020) IDENTITY, which DICOM pairs with MONOCHROME2: inverted as "
                    + "MONOCHROME1 says, so that bone is bright");
        } else if (monochrome1) {
            notes.add("MONOCHROME1: inverted so that bone is bright");
        } else if (shape.equals("INVERSE")) {
            notes.add("Presentation LUT Shape (2050,0020) INVERSE on a MONOCHROME2 image: inverted so that bone is bright");
        }
        return monochrome1 || shape.equals("INVERSE");
    }
}

/** A Modality or VOI LUT (PS3.3 C.11.1.1.1, C.11.2.1.1): inputs below the first mapped value take the first entry, above the last the last. */
record Lut(int firstMapped, int bits, int[] data) {

    static Lut of(Path file, AttributeList item, boolean signedInput, String where) throws IOException {
        try {
            int[] d = Attribute.getIntegerValues(item, TagFromName.LUTDescriptor);
            Attribute lutData = item.get(TagFromName.LUTData);
            if (d == null || d.length != 3 || lutData == null || lutData.getVL() == 0) {
                throw new IOException(file + ": " + where + " lacks a LUT Descriptor of three values or LUT Data");
            }
            int entries = d[0] == 0 ? 65536 : d[0] & 0xFFFF;
            // The first mapped value is SS when the input can be negative; PixelMed may hand it over unsigned.
            int first = signedInput && d[1] > 32767 ? d[1] - 65536 : d[1];
            int bits = d[2];
            if (bits < 1 || bits > 16) {
                throw new IOException(file + ": " + where + " has " + bits + " bits per entry");
            }
            short[] words = lutData.getShortValues();
            int[] data = new int[entries];
            // 8-bit entries may be packed two to a word (low byte first), or stored one to a word.
            boolean packed = bits <= 8 && words.length == (entries + 1) / 2 && entries > 1;
            if (!packed && words.length < entries) {
                throw new IOException(file + ": " + where + " holds " + words.length + " entries, its descriptor says " + entries);
            }
            for (int i = 0; i < entries; i++) {
                data[i] = packed ? (words[i >> 1] >> ((i & 1) * 8)) & 0xFF : words[i] & 0xFFFF;
            }
            return new Lut(first, bits, data);
        } catch (DicomException e) {
            throw new IOException(file + ": cannot read " + where + ": " + e.getMessage(), e);
        }
    }

    double map(long x) {
        long i = Math.max(0, Math.min(data.length - 1, x - firstMapped));
        return data[(int) i];
    }
}
