package org.vertreg.registration;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.imaging.Radiograph;

/**
 * Puts a real X-ray onto the model's detector grid (DESIGN.md §2), so that the vertebra has the size and place in
 * pixels the network was trained on.
 *
 * <p><b>Geometry.</b> The output C-arm keeps what the X-ray was taken with (its SDD, SOD and positioner angles) and
 * takes the model's columns, rows and isocentre. Its pixel spacing is the model's times (SDD_x/SOD_x)/(SDD_m/SOD_m):
 * the field at the isocentre plane, spacing·SOD/SDD, is then the model's, and an X-ray taken with the model's geometry
 * gets exactly the model's C-arm.
 *
 * <p><b>Sampling.</b> Output pixel (c, r) lies (c − (columns − 1)/2, r − (rows − 1)/2) output pixels from the output
 * centre, which is put on the X-ray at (centreColumn, centreRow) in the X-ray's stored pixel coordinates (integers at
 * pixel centres, as in {@link CarmGeometry}); the offset in mm at the detector is divided by the X-ray's spacing along
 * each axis. Pixel centres thus fall on pixel centres when the spacings agree and the centre is the image centre, and
 * the image comes through unchanged. Each output pixel is the mean of the X-ray over the box its footprint covers,
 * X-ray pixels taken as uniform squares; the box is at least one X-ray pixel wide, where the mean is exactly bilinear
 * interpolation, and wider when the X-ray is finer, where it is area averaging and a 0.15 mm detector does not alias.
 * Beyond the X-ray's border the nearest edge value is used.
 *
 * <p><b>Orientation.</b> The X-ray's Patient Orientation is compared, axis by axis, with the one the output C-arm
 * predicts ({@link CarmGeometry#patientOrientation()}); columns and rows are flipped, and swapped for a transposed
 * pair, so that the result has the model's orientation. An orientation no flip or swap can match is refused.
 */
public final class DetectorResampling {

    /** The X-ray on the model's detector: grey values row-major, the C-arm they belong to, and what was done. */
    public record Resampled(float[] grey, CarmGeometry carm, List<String> notes) {
        public Resampled {
            notes = List.copyOf(notes);
        }
    }

    private DetectorResampling() {
    }

    /** Centred on the X-ray's centre, ((columns − 1)/2, (rows − 1)/2). */
    public static Resampled onto(Radiograph xray, CarmGeometry model) {
        return onto(xray, model, (xray.columns() - 1) / 2.0, (xray.rows() - 1) / 2.0);
    }

    /**
     * @param model        the model's C-arm at the identity pose (isocentre at the vertebra's centroid)
     * @param centreColumn where the output's centre goes on the X-ray, in its stored pixel coordinates
     * @param centreRow    likewise for rows
     */
    public static Resampled onto(Radiograph xray, CarmGeometry model, double centreColumn, double centreRow) {
        if (!Double.isFinite(centreColumn) || !Double.isFinite(centreRow)) {
            throw new IllegalArgumentException("the centre must be finite, got (" + centreColumn + ", " + centreRow + ")");
        }
        double ratio = (xray.sourceToDetectorMm() / xray.sourceToIsocentreMm()) / model.magnification();
        CarmGeometry carm = new CarmGeometry(xray.sourceToDetectorMm(), xray.sourceToIsocentreMm(), model.columns(), model.rows(),
                model.pixelSpacingMm() * ratio, model.isocentre(), xray.primaryAngleDegrees(), xray.secondaryAngleDegrees());
        List<String> notes = new ArrayList<>(xray.notes());
        OrientationMatch match = OrientationMatch.of(xray.patientOrientation(), carm.patientOrientation(), carm);
        match.note().ifPresent(notes::add);

        double spacing = carm.pixelSpacingMm();
        // Each output axis runs along one stored axis (columns unless transposed), possibly backwards.
        double columnStep = match.columnSign() * spacing / (match.transposed() ? xray.rowSpacingMm() : xray.columnSpacingMm());
        double rowStep = match.rowSign() * spacing / (match.transposed() ? xray.columnSpacingMm() : xray.rowSpacingMm());
        Footprint[] alongColumns = new Footprint[carm.columns()];
        Footprint[] alongRows = new Footprint[carm.rows()];
        double centreC = (carm.columns() - 1) / 2.0, centreR = (carm.rows() - 1) / 2.0;
        int storedForColumns = match.transposed() ? xray.rows() : xray.columns();
        int storedForRows = match.transposed() ? xray.columns() : xray.rows();
        for (int c = 0; c < carm.columns(); c++) {
            double at = (match.transposed() ? centreRow : centreColumn) + (c - centreC) * columnStep;
            alongColumns[c] = Footprint.of(at, Math.abs(columnStep), storedForColumns);
        }
        for (int r = 0; r < carm.rows(); r++) {
            double at = (match.transposed() ? centreColumn : centreRow) + (r - centreR) * rowStep;
            alongRows[r] = Footprint.of(at, Math.abs(rowStep), storedForRows);
        }

        float[] out = new float[carm.columns() * carm.rows()];
        int outside = 0;
        for (int r = 0; r < carm.rows(); r++) {
            Footprint fr = alongRows[r];
            for (int c = 0; c < carm.columns(); c++) {
                Footprint fc = alongColumns[c];
                out[r * carm.columns() + c] = match.transposed() ? mean(xray, fr, fc) : mean(xray, fc, fr);
                if (fc.outside() || fr.outside()) {
                    outside++;
                }
            }
        }
        notes.add(samplingNote(xray, carm, centreColumn, centreRow, Math.abs(columnStep), Math.abs(rowStep), match.transposed()));
        if (outside > 0) {
            notes.add(String.format(Locale.ROOT, "%d of %d output pixels fall outside the X-ray: they take the nearest edge value",
                    outside, out.length));
        }
        return new Resampled(out, carm, notes);
    }

    /** The weighted mean of X-ray pixels over a footprint given along stored columns and along stored rows. */
    private static float mean(Radiograph xray, Footprint columns, Footprint rows) {
        float[] g = xray.grey();
        int width = xray.columns();
        double sum = 0;
        for (int j = 0; j < rows.index().length; j++) {
            int offset = rows.index()[j] * width;
            double line = 0;
            for (int i = 0; i < columns.index().length; i++) {
                line += columns.weight()[i] * g[offset + columns.index()[i]];
            }
            sum += rows.weight()[j] * line;
        }
        return (float) (sum / (columns.total() * rows.total()));
    }

    private static String samplingNote(Radiograph xray, CarmGeometry carm, double centreColumn, double centreRow, double stepC,
            double stepR, boolean transposed) {
        boolean imageCentre = centreColumn == (xray.columns() - 1) / 2.0 && centreRow == (xray.rows() - 1) / 2.0;
        double coverC = transposed ? stepR : stepC, coverR = transposed ? stepC : stepR; // in X-ray columns and rows
        String how = coverC > 1 || coverR > 1
                ? "each the mean of the " + num(Math.max(1, coverC)) + " × " + num(Math.max(1, coverR)) + " X-ray pixels it covers"
                : "interpolated bilinearly, the X-ray being no finer";
        return "resampled onto " + carm.columns() + "×" + carm.rows() + " pixels of " + num(carm.pixelSpacingMm()) + " mm at the detector ("
                + num(carm.pixelSizeAtIsocentreMm()) + " mm at the isocentre), centred on " + (imageCentre ? "the X-ray's centre" : "X-ray pixel")
                + " (" + num(centreColumn) + ", " + num(centreRow) + "): " + how;
    }

    /** A number as a note shows it: at most three decimals, no trailing zeros. */
    private static String num(double v) {
        return new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(v);
    }

    /**
     * How the X-ray's axes map onto the output's: swapped or not, and whether each output axis runs along its stored
     * axis forwards (+1) or backwards (−1). Orientation codes are compared as directions, letters weighted by their
     * order (dominant first), so that an oblique view's secondary letters do not decide.
     */
    private record OrientationMatch(boolean transposed, int columnSign, int rowSign, Optional<String> note) {
        /** Least agreement between matched axes; perpendicular letters (R against A) give 0. */
        private static final double MIN_AGREEMENT = 0.4;

        static OrientationMatch of(String xray, String predicted, CarmGeometry carm) {
            String[] x = xray.split("\\\\"), p = predicted.split("\\\\");
            double[] x0 = direction(x[0]), x1 = direction(x[1]), p0 = direction(p[0]), p1 = direction(p[1]);
            boolean transposed = Math.abs(dot(x1, p0)) + Math.abs(dot(x0, p1)) > Math.abs(dot(x0, p0)) + Math.abs(dot(x1, p1));
            double onColumns = transposed ? dot(x1, p0) : dot(x0, p0);
            double onRows = transposed ? dot(x0, p1) : dot(x1, p1);
            if (Math.abs(onColumns) < MIN_AGREEMENT || Math.abs(onRows) < MIN_AGREEMENT) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "the X-ray's Patient Orientation %s cannot be brought to %s, "
                        + "which a C-arm at positioner angles %s°/%s° gives, by flipping or swapping its axes: check its positioner angles "
                        + "and orientation", xray, predicted, carm.primaryAngleDegrees(), carm.secondaryAngleDegrees()));
            }
            int columnSign = onColumns > 0 ? 1 : -1, rowSign = onRows > 0 ? 1 : -1;
            List<String> done = new ArrayList<>();
            if (columnSign < 0) {
                done.add("columns flipped");
            }
            if (rowSign < 0) {
                done.add("rows flipped");
            }
            if (transposed) {
                done.add("rows and columns swapped");
            }
            String prefix = "Patient Orientation (0020,0020) " + xray + " where the C-arm geometry gives " + predicted + ": ";
            Optional<String> note = done.isEmpty()
                    ? (xray.equals(predicted) ? Optional.empty() : Optional.of(prefix + "they agree in their main directions, nothing flipped"))
                    : Optional.of(prefix + String.join(", ", done) + " to match");
            return new OrientationMatch(transposed, columnSign, rowSign, note);
        }

        /** A code such as {@code RA} as a unit vector in LPS, the first letter weighing most. */
        private static double[] direction(String code) {
            double[] d = new double[3];
            double weight = 1;
            for (char letter : code.toCharArray()) {
                int axis = "LRPAHF".indexOf(letter) / 2;
                d[axis] += ("LPH".indexOf(letter) >= 0 ? weight : -weight);
                weight /= 2;
            }
            double norm = Math.sqrt(dot(d, d));
            return new double[] {d[0] / norm, d[1] / norm, d[2] / norm};
        }

        private static double dot(double[] a, double[] b) {
            return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
        }
    }

    /**
     * The stored pixels under one output pixel along one axis, with their overlap: the box of {@code width} pixels
     * (at least 1) centred on {@code at}, pixel i covering [i − ½, i + ½]; indices beyond the image are clamped to the
     * edge.
     */
    private record Footprint(int[] index, double[] weight, double total, boolean outside) {

        static Footprint of(double at, double width, int size) {
            double half = Math.max(1, width) / 2;
            double from = at - half, to = at + half;
            int first = (int) Math.floor(from + 0.5), last = (int) Math.ceil(to - 0.5);
            int[] index = new int[last - first + 1];
            double[] weight = new double[index.length];
            int n = 0;
            double total = 0;
            for (int i = first; i <= last; i++) {
                double w = Math.min(to, i + 0.5) - Math.max(from, i - 0.5);
                if (w > 0) {
                    index[n] = Math.max(0, Math.min(size - 1, i));
                    weight[n++] = w;
                    total += w;
                }
            }
            return new Footprint(Arrays.copyOf(index, n), Arrays.copyOf(weight, n), total,
                    at < -0.5 || at > size - 0.5);
        }
    }
}
