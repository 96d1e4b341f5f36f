package org.vertreg.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SOPClassDescriptions;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.ValueRepresentation;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Vector3;
import org.vertreg.imaging.Radiograph;

/**
 * Reads a projection X-ray (Digital X-Ray for presentation or for processing, Computed Radiography, X-Ray Angiographic,
 * X-Ray Radiofluoroscopic) as a {@link Radiograph}; any other SOP class, or a Modality that is not a projection X-ray,
 * is refused with an {@link IOException} that names it.
 *
 * <p><b>Grey values</b> follow the greyscale pipeline of PS3.3 C.11 on the first frame: stored values (Bits Stored,
 * High Bit, Pixel Representation) → Modality LUT (the Modality LUT Sequence, else Rescale Slope and Intercept) → VOI
 * (the first Window Center/Width pair with VOI LUT Function LINEAR, LINEAR_EXACT or SIGMOID, C.11.2.1.2-3; else the
 * first VOI LUT Sequence item; else the frame's minimum to maximum) → 0..255. Then the image is inverted, once, when
 * Photometric Interpretation is MONOCHROME1 or Presentation LUT Shape (2050,0020) is INVERSE. The two do not cancel:
 * PS3.3 C.7.6.1 makes INVERSE the shape that "shall be used" with MONOCHROME1, so both say the same thing, that the
 * lowest value is white (C.11.6.1.2: P-Value = maximum − output). When they disagree (MONOCHROME1 with IDENTITY,
 * MONOCHROME2 with INVERSE) either one asking for inversion wins, and a note says so. The result has bone bright, as on
 * a radiograph shown for reading and as in our DRRs.
 *
 * <p><b>Geometry.</b> Distance Source to Detector (0018,1110), Distance Source to Patient (0018,1111, taken as source
 * to isocentre), Imager Pixel Spacing (0018,1164), Positioner Primary/Secondary Angle (0018,1510/1511) and Patient
 * Orientation (0020,0020). Without Imager Pixel Spacing, Pixel Spacing (0028,0030) is used: as calibrated at the
 * patient, hence multiplied by the magnification, when Estimated Radiographic Magnification Factor (0018,1114) or both
 * distances are in the file; as the detector's own spacing otherwise. Missing values take the C-arm defaults of
 * {@link CarmGeometry} (a missing distance is first derived from the other and the magnification factor, when both are
 * there), angles 0°, and the orientation {@link CarmGeometry#patientOrientation()} gives for the angles. Every default
 * and choice is a sentence in {@link Radiograph#notes()}.
 */
public final class RadiographReader {

    /** The projection X-ray storage classes and the Modality each has in PS3.3. */
    private static final Map<String, String> MODALITY_OF = Map.of(StorageSopClasses.DX_FOR_PRESENTATION, "DX",
            StorageSopClasses.DX_FOR_PROCESSING, "DX", StorageSopClasses.CR_IMAGE, "CR", StorageSopClasses.XA_IMAGE, "XA",
            StorageSopClasses.XRF_IMAGE, "RF");
    /** Modalities a projection X-ray may carry in practice (RG: film radiography, digitised). */
    private static final Set<String> PROJECTION_MODALITIES = Set.of("DX", "CR", "XA", "RF", "RG");
    private static final AttributeTag SOURCE_TO_DETECTOR = TagFromName.DistanceSourceToDetector;
    private static final AttributeTag SOURCE_TO_PATIENT = TagFromName.DistanceSourceToPatient;
    private static final AttributeTag MAGNIFICATION = TagFromName.EstimatedRadiographicMagnificationFactor;

    private RadiographReader() {
    }

    public static Radiograph read(Path file) throws IOException {
        AttributeList l = readDecompressed(file);
        List<String> notes = new ArrayList<>();
        checkProjectionXray(file, l, notes);
        ImagePixels px;
        try {
            px = ImagePixels.of(l);
        } catch (DicomStatusException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        if (px.samplesPerPixel() != 1 || !px.photometric().startsWith("MONOCHROME")) {
            throw new IOException(file + ": Photometric Interpretation (0028,0004) " + px.photometric() + " with "
                    + px.samplesPerPixel() + " samples per pixel; a projection X-ray is MONOCHROME1 or MONOCHROME2");
        }
        if (px.frames() > 1) {
            notes.add("multi-frame image of " + px.frames() + " frames: frame 1 is used");
        }
        float[] grey = Greyscale.toGrey(file, l, firstFrame(file, l, px), notes);
        Geometry g = Geometry.read(file, l, px.columns(), px.rows(), notes);
        try {
            return new Radiograph(grey, px.columns(), px.rows(), g.columnSpacing(), g.rowSpacing(), g.sourceToDetector(),
                    g.sourceToIsocentre(), g.primary(), g.secondary(), g.orientation(), notes);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static void checkProjectionXray(Path file, AttributeList l, List<String> notes) throws IOException {
        String sopClass = Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPClassUID).strip();
        if (sopClass.isEmpty()) {
            sopClass = Attribute.getSingleStringValueOrEmptyString(l, TagFromName.MediaStorageSOPClassUID).strip();
        }
        String modality = Attribute.getSingleStringValueOrEmptyString(l, TagFromName.Modality).strip();
        String expected = MODALITY_OF.get(sopClass);
        if (expected == null) {
            throw new IOException(file + " is " + sopClassName(sopClass) + (modality.isEmpty() ? "" : ", Modality " + modality)
                    + ", not a projection X-ray (DX, CR, XA or RF)");
        }
        if (!modality.equals(expected)) {
            if (!modality.isEmpty() && !PROJECTION_MODALITIES.contains(modality)) {
                throw new IOException(file + ": Modality (0008,0060) " + modality + " is not a projection X-ray, though the SOP class is "
                        + sopClassName(sopClass));
            }
            notes.add("Modality (0008,0060) is " + (modality.isEmpty() ? "missing" : modality) + " where " + sopClassName(sopClass)
                    + " has " + expected + ": read as a projection X-ray all the same");
        }
        if (sopClass.equals(StorageSopClasses.DX_FOR_PROCESSING)) {
            notes.add("Digital X-Ray for processing: its own grey transforms are used, without the processing a for-presentation image would have");
        }
    }

    private static String sopClassName(String uid) {
        if (uid.isEmpty()) {
            return "an instance without SOP Class UID";
        }
        String name = StorageSopClasses.name(uid);
        if (name.equals(uid)) {
            String pixelMedName = SOPClassDescriptions.getDescriptionFromUID(uid);
            name = pixelMedName == null || pixelMedName.isBlank() ? "SOP class" : pixelMedName;
        }
        return name + " (" + uid + ")";
    }

    /** Reads the whole file, decompressing encapsulated pixel data; failures name the transfer syntax. */
    private static AttributeList readDecompressed(Path file) throws IOException {
        AttributeList l = new AttributeList();
        l.setDecompressPixelData(true);
        try {
            l.read(file.toFile());
            return l;
        } catch (DicomException | IOException | RuntimeException e) {
            String uid = Attribute.getSingleStringValueOrNull(l, TagFromName.TransferSyntaxUID);
            throw new IOException(file + ": cannot read DICOM" + (uid == null ? "" : " with transfer syntax " + uid + " ("
                    + new TransferSyntax(uid).getDescription() + ")") + ": " + e.getMessage(), e);
        }
    }

    /** The first frame's stored values: Bits Stored bits below High Bit, sign-extended when Pixel Representation is 1. */
    private static int[] firstFrame(Path file, AttributeList l, ImagePixels px) throws IOException {
        Attribute data = l.getPixelData();
        if (data == null) {
            String uid = Attribute.getSingleStringValueOrEmptyString(l, TagFromName.TransferSyntaxUID);
            // PixelMed logs and drops compressed pixel data it fails to decode instead of throwing.
            throw new IOException(file + (TransferSyntax.isEncapsulated(uid)
                    ? ": Pixel Data could not be decoded from transfer syntax " + uid + " (see the log)" : ": no Pixel Data"));
        }
        int allocated = px.bitsAllocated();
        int bitsStored = Attribute.getSingleIntegerValueOrDefault(l, TagFromName.BitsStored, allocated);
        int highBit = Attribute.getSingleIntegerValueOrDefault(l, TagFromName.HighBit, bitsStored - 1);
        if ((allocated != 8 && allocated != 16) || bitsStored < 1 || highBit + 1 < bitsStored || highBit >= allocated) {
            throw new IOException(file + ": unsupported pixel layout: Bits Allocated " + allocated + ", Bits Stored " + bitsStored
                    + ", High Bit " + highBit);
        }
        boolean signed = Attribute.getSingleIntegerValueOrDefault(l, TagFromName.PixelRepresentation, 0) == 1;
        int count = px.rows() * px.columns();
        int shift = highBit + 1 - bitsStored;
        int mask = (1 << bitsStored) - 1;
        int[] out = new int[count];
        try {
            // 8-bit pixels may arrive packed two to an OW word (low byte first), 16-bit ones as OB byte pairs.
            boolean ow = ValueRepresentation.isOtherWordVR(data.getVR());
            short[] words = ow ? data.getShortValues() : null;
            byte[] bytes = ow ? null : data.getByteValues();
            long units = ow ? (allocated == 16 ? words.length : 2L * words.length) : (allocated == 16 ? bytes.length / 2 : bytes.length);
            if (units < count) {
                throw new IOException(file + ": Pixel Data holds " + units + " pixels, a frame has " + count);
            }
            for (int i = 0; i < count; i++) {
                int unit;
                if (ow) {
                    unit = allocated == 16 ? words[i] & 0xFFFF : (words[i >> 1] >> ((i & 1) * 8)) & 0xFF;
                } else {
                    unit = allocated == 16 ? (bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] & 0xFF) << 8 : bytes[i] & 0xFF;
                }
                int v = (unit >>> shift) & mask;
                out[i] = signed && (v >> (bitsStored - 1)) != 0 ? v - (1 << bitsStored) : v;
            }
            return out;
        } catch (DicomException e) {
            throw new IOException(file + ": cannot read Pixel Data: " + e.getMessage(), e);
        }
    }

    /** The projection geometry of the file, defaults filled in. */
    private record Geometry(double sourceToDetector, double sourceToIsocentre, double columnSpacing, double rowSpacing, double primary,
                            double secondary, String orientation) {

        static Geometry read(Path file, AttributeList l, int columns, int rows, List<String> notes) throws IOException {
            Double sdd = positive(file, l, SOURCE_TO_DETECTOR);
            Double sod = positive(file, l, SOURCE_TO_PATIENT);
            Double magnification = positive(file, l, MAGNIFICATION);
            boolean bothDistances = sdd != null && sod != null;
            if (bothDistances && !(sdd > sod)) {
                throw new IOException(file + ": Distance Source to Patient (0018,1111) " + num(sod)
                        + " mm is not less than Distance Source to Detector (0018,1110) " + num(sdd) + " mm");
            }
            double defaultRatio = CarmGeometry.DEFAULT_SOURCE_TO_DETECTOR_MM / CarmGeometry.DEFAULT_SOURCE_TO_ISOCENTRE_MM;
            boolean usableMagnification = magnification != null && magnification > 1;
            if (sdd == null) {
                if (sod != null && usableMagnification) {
                    sdd = sod * magnification;
                    notes.add("no Distance Source to Detector (0018,1110): " + num(sdd) + " mm from Distance Source to Patient and "
                            + "Estimated Radiographic Magnification Factor (0018,1114) " + num(magnification));
                } else if (sod == null || sod < CarmGeometry.DEFAULT_SOURCE_TO_DETECTOR_MM) {
                    sdd = CarmGeometry.DEFAULT_SOURCE_TO_DETECTOR_MM;
                    notes.add("no Distance Source to Detector (0018,1110): the C-arm default " + num(sdd) + " mm is used");
                } else {
                    sdd = sod * defaultRatio;
                    notes.add("no Distance Source to Detector (0018,1110): " + num(sdd) + " mm, the C-arm default magnification "
                            + num(defaultRatio) + " times Distance Source to Patient");
                }
            }
            if (sod == null) {
                if (usableMagnification) {
                    sod = sdd / magnification;
                    notes.add("no Distance Source to Patient (0018,1111): " + num(sod) + " mm from Distance Source to Detector and "
                            + "Estimated Radiographic Magnification Factor (0018,1114) " + num(magnification));
                } else if (sdd > CarmGeometry.DEFAULT_SOURCE_TO_ISOCENTRE_MM) {
                    sod = CarmGeometry.DEFAULT_SOURCE_TO_ISOCENTRE_MM;
                    notes.add("no Distance Source to Patient (0018,1111): the C-arm default " + num(sod) + " mm is used");
                } else {
                    sod = sdd / defaultRatio;
                    notes.add("no Distance Source to Patient (0018,1111): " + num(sod) + " mm, Distance Source to Detector over the "
                            + "C-arm default magnification " + num(defaultRatio));
                }
            }
            double[] spacing = spacing(file, l, bothDistances ? sdd / sod : null, magnification, notes);
            double primary = angle(file, l, XrayWriter.POSITIONER_PRIMARY_ANGLE, "Positioner Primary Angle (0018,1510)", 180, notes);
            double secondary = angle(file, l, XrayWriter.POSITIONER_SECONDARY_ANGLE, "Positioner Secondary Angle (0018,1511)", 90, notes);
            String orientation = orientation(l, new CarmGeometry(sdd, sod, columns, rows, spacing[1], Vector3.ZERO, primary, secondary)
                    .patientOrientation(), notes);
            return new Geometry(sdd, sod, spacing[1], spacing[0], primary, secondary, orientation);
        }

        /** Row spacing, column spacing at the detector (DICOM's order). */
        private static double[] spacing(Path file, AttributeList l, Double distanceRatio, Double magnification, List<String> notes)
                throws IOException {
            double[] imager = pair(file, l, XrayWriter.IMAGER_PIXEL_SPACING, "Imager Pixel Spacing (0018,1164)");
            if (imager != null) {
                return imager;
            }
            double[] atPatient = pair(file, l, TagFromName.PixelSpacing, "Pixel Spacing (0028,0030)");
            if (atPatient == null) {
                double d = CarmGeometry.DEFAULT_PIXEL_SPACING_MM;
                notes.add("no Imager Pixel Spacing (0018,1164) or Pixel Spacing (0028,0030): the C-arm default " + num(d) + " mm is used");
                return new double[] {d, d};
            }
            String given = "no Imager Pixel Spacing (0018,1164): Pixel Spacing (0028,0030) " + num(atPatient[0]) + "\\" + num(atPatient[1])
                    + " mm";
            Double m = magnification != null ? magnification : distanceRatio;
            if (m == null) {
                notes.add(given + " is taken as the detector's spacing, as no magnification is known");
                return atPatient;
            }
            notes.add(given + " is taken as calibrated at the patient and multiplied by the magnification " + num(m) + " ("
                    + (magnification != null ? "Estimated Radiographic Magnification Factor (0018,1114)" : "source-to-detector over source-to-patient")
                    + ")");
            return new double[] {atPatient[0] * m, atPatient[1] * m};
        }

        private static double[] pair(Path file, AttributeList l, AttributeTag tag, String name) throws IOException {
            double[] v = numbers(file, l, tag);
            if (v == null) {
                return null;
            }
            if (v.length != 2 || !(v[0] > 0) || !(v[1] > 0) || !Double.isFinite(v[0] + v[1])) {
                throw new IOException(file + ": " + name + " is not two positive numbers: " + l.get(tag).getDelimitedStringValuesOrEmptyString());
            }
            return v;
        }

        private static double angle(Path file, AttributeList l, AttributeTag tag, String name, double limit, List<String> notes)
                throws IOException {
            double[] v = numbers(file, l, tag);
            if (v == null) {
                notes.add("no " + name + ": 0° is used");
                return 0;
            }
            if (!(Math.abs(v[0]) <= limit)) {
                throw new IOException(file + ": " + name + " " + num(v[0]) + "° is outside ±" + num(limit) + "°");
            }
            return v[0] + 0.0; // turns −0 into 0
        }

        private static String orientation(AttributeList l, String predicted, List<String> notes) {
            String[] v = Attribute.getStringValues(l, TagFromName.PatientOrientation);
            if (v == null || v.length == 0) {
                notes.add("no Patient Orientation (0020,0020): " + predicted + " is assumed, as a C-arm at these positioner angles gives it");
                return predicted;
            }
            String given = String.join("\\", v).strip().toUpperCase(Locale.ROOT);
            if (v.length == 2 && given.matches("[LRAPHF]{1,3}\\\\[LRAPHF]{1,3}")) {
                return given;
            }
            notes.add("Patient Orientation (0020,0020) '" + String.join("\\", v) + "' is not two codes of L, R, A, P, H, F: " + predicted
                    + " is assumed, as a C-arm at these positioner angles gives it");
            return predicted;
        }

        private static Double positive(Path file, AttributeList l, AttributeTag tag) throws IOException {
            double[] v = numbers(file, l, tag);
            if (v == null) {
                return null;
            }
            if (!(v[0] > 0) || !Double.isFinite(v[0])) {
                throw new IOException(file + ": " + name(tag) + " is " + num(v[0]) + ", not a positive number");
            }
            return v[0];
        }
    }

    static AttributeList firstItem(AttributeList l, AttributeTag sequence) {
        return l.get(sequence) instanceof SequenceAttribute s && s.getNumberOfItems() > 0 ? s.getItem(0).getAttributeList() : null;
    }

    static double first(Path file, AttributeList l, AttributeTag tag, double absent) throws IOException {
        double[] v = numbers(file, l, tag);
        return v == null ? absent : v[0];
    }

    /** A numeric attribute's values, or null when absent or empty. */
    static double[] numbers(Path file, AttributeList l, AttributeTag tag) throws IOException {
        try {
            return DicomAttributes.decimalsOrNull(l, tag);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": " + name(tag) + " is not numeric: " + l.get(tag).getDelimitedStringValuesOrEmptyString(), e);
        }
    }

    /** A tag as DICOM names it, e.g. "Window Center (0028,1050)". */
    private static String name(AttributeTag tag) {
        String name = DicomDictionary.StandardDictionary.getFullNameFromTag(tag);
        return String.format(Locale.ROOT, "%s(%04X,%04X)", name == null ? "" : name + " ", tag.getGroup(), tag.getElement());
    }

    /** A number as a note shows it: no trailing zeros, a dot for decimals. */
    static String num(double v) {
        DecimalFormat f = new DecimalFormat("0.######", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(v);
    }
}
