package org.vertreg.imaging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Stacks CT slices into a {@link Volume}, or says why they are not a regular stack.
 *
 * <p>All slices must share image size, orientation and pixel spacing. They are sorted by position along the
 * slice normal (row cosines × column cosines); the stack then runs in the order of increasing Instance Number
 * (frame number within a multi-frame image), so k follows the scanner's order and its direction may be the
 * negative normal. Positions must be distinct, lie on one line along the normal, and be evenly spaced: a gap
 * above {@link AssemblyTolerances#maxGapRatio()} times the median gap means missing slices.
 *
 * <p>The grid: i runs along a row (row cosines, spacing Pixel Spacing[1]), j down a column (column cosines,
 * Pixel Spacing[0]), k along the stack (unit vector from the first to the last position, mean measured spacing);
 * the origin is the first slice's Image Position (Patient).
 */
public final class SliceStackAssembler {

    private static final Comparator<CtSlice> SCANNER_ORDER = Comparator
            .comparing(CtSlice::instanceNumber, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingInt(CtSlice::frameNumber);

    private final AssemblyTolerances tolerances;

    public SliceStackAssembler() {
        this(AssemblyTolerances.DEFAULT);
    }

    public SliceStackAssembler(AssemblyTolerances tolerances) {
        this.tolerances = Objects.requireNonNull(tolerances);
    }

    public AssemblyResult assemble(List<CtSlice> slices) {
        if (slices.size() < 2) {
            return new AssemblyResult.Unusable("a volume needs at least 2 slices, got " + slices.size());
        }
        String mismatch = planeMismatch(slices);
        if (mismatch != null) {
            return new AssemblyResult.Unusable(mismatch);
        }
        CtSlice first = slices.get(0);
        double[] u = unit(first.rowCosines()), v = unit(first.columnCosines()), normal = cross(u, v);
        List<CtSlice> stack = stackOrder(slices, normal);
        String irregularity = irregularity(stack, normal);
        if (irregularity != null) {
            return new AssemblyResult.Unusable(irregularity);
        }
        return new AssemblyResult.Assembled(toVolume(stack, u, v));
    }

    /** The first way in which the slices' image planes disagree in size, orientation or pixel spacing, or null. */
    private String planeMismatch(List<CtSlice> slices) {
        CtSlice ref = slices.get(0);
        double[] r = ref.rowCosines(), c = ref.columnCosines();
        double skew = Math.max(Math.abs(dot(r, c)), Math.max(Math.abs(norm(r) - 1), Math.abs(norm(c) - 1)));
        if (skew > tolerances.orientation()) {
            return "image orientation " + format(ref.imageOrientation()) + " of " + ref.label()
                    + " is not a pair of orthogonal unit vectors";
        }
        for (CtSlice s : slices) {
            if (s.rows() != ref.rows() || s.columns() != ref.columns()) {
                return "image size differs: " + s.label() + " has " + s.rows() + " rows x " + s.columns()
                        + " columns, " + ref.label() + " has " + ref.rows() + " x " + ref.columns();
            }
            if (maxAbsDifference(s.imageOrientation(), ref.imageOrientation()) > tolerances.orientation()) {
                return "image orientation differs: " + s.label() + " has " + format(s.imageOrientation()) + ", "
                        + ref.label() + " has " + format(ref.imageOrientation());
            }
            for (int a = 0; a < 2; a++) {
                if (Math.abs(s.pixelSpacing()[a] - ref.pixelSpacing()[a])
                        > tolerances.pixelSpacingRelative() * ref.pixelSpacing()[a]) {
                    return "pixel spacing differs: " + s.label() + " has " + format(s.pixelSpacing()) + " mm, "
                            + ref.label() + " has " + format(ref.pixelSpacing()) + " mm";
                }
            }
        }
        return null;
    }

    private static List<CtSlice> stackOrder(List<CtSlice> slices, double[] normal) {
        List<CtSlice> sorted = new ArrayList<>(slices);
        sorted.sort(Comparator.comparingDouble(s -> dot(s.imagePosition(), normal)));
        if (SCANNER_ORDER.compare(sorted.get(0), sorted.get(sorted.size() - 1)) > 0) {
            Collections.reverse(sorted);
        }
        return sorted;
    }

    /** The first way in which sorted slices fail to be a regular stack (duplicate, tilt, gap, uneven), or null. */
    private String irregularity(List<CtSlice> stack, double[] normal) {
        int gapCount = stack.size() - 1;
        double[] gaps = new double[gapCount];
        for (int g = 0; g < gapCount; g++) {
            gaps[g] = Math.abs(dot(sub(stack.get(g + 1).imagePosition(), stack.get(g).imagePosition()), normal));
            if (gaps[g] <= tolerances.spacingMm()) {
                return "duplicate position: " + between(stack, g) + " are " + mm(gaps[g])
                        + " apart along the slice normal";
            }
        }
        double[] origin = stack.get(0).imagePosition();
        for (CtSlice s : stack) {
            double[] d = sub(s.imagePosition(), origin);
            double shift = norm(sub(d, scale(normal, dot(d, normal))));
            if (shift > tolerances.inPlaneShiftMm()) {
                return "slices are not stacked along their normal (gantry tilt or shifted slices): " + s.label()
                        + " at " + format(s.imagePosition()) + " is offset " + mm(shift) + " in the image plane from "
                        + stack.get(0).label() + " at " + format(origin);
            }
        }
        double median = median(gaps);
        for (int g = 0; g < gapCount; g++) {
            if (gaps[g] > tolerances.maxGapRatio() * median) {
                return String.format(Locale.ROOT, "missing slice(s): gap of %s between %s is %.2f times the median"
                        + " spacing %s", mm(gaps[g]), between(stack, g), gaps[g] / median, mm(median));
            }
        }
        double slack = tolerances.spacingSlackMm(median);
        for (int g = 0; g < gapCount; g++) {
            if (Math.abs(gaps[g] - median) > slack) {
                return "uneven slice spacing: gap of " + mm(gaps[g]) + " between " + between(stack, g)
                        + " differs from the median spacing " + mm(median) + " by more than " + mm(slack);
            }
        }
        return null;
    }

    private static Volume toVolume(List<CtSlice> stack, double[] u, double[] v) {
        CtSlice first = stack.get(0), last = stack.get(stack.size() - 1);
        double[] span = sub(last.imagePosition(), first.imagePosition());
        double[] w = unit(span);
        double[] spacing = {first.pixelSpacing()[1], first.pixelSpacing()[0], norm(span) / (stack.size() - 1)};
        double[] direction = {u[0], v[0], w[0], u[1], v[1], w[1], u[2], v[2], w[2]};
        VolumeGrid grid = new VolumeGrid(first.columns(), first.rows(), stack.size(), spacing, first.imagePosition(),
                direction);
        int plane = first.rows() * first.columns();
        float[] hu = new float[grid.voxelCount()];
        for (int k = 0; k < stack.size(); k++) {
            System.arraycopy(stack.get(k).hu(), 0, hu, k * plane, plane);
        }
        return new Volume(grid, hu);
    }

    private static String between(List<CtSlice> stack, int g) {
        CtSlice a = stack.get(g), b = stack.get(g + 1);
        return a.label() + " at " + format(a.imagePosition()) + " and " + b.label() + " at "
                + format(b.imagePosition()) + " (stack positions " + g + " and " + (g + 1) + ")";
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double maxAbsDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static String mm(double value) {
        return String.format(Locale.ROOT, "%.3f mm", value);
    }

    private static String format(double[] values) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4g", values[i]));
        }
        return b.append(')').toString();
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    private static double[] scale(double[] a, double f) {
        return new double[] {a[0] * f, a[1] * f, a[2] * f};
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static double[] unit(double[] a) {
        return scale(a, 1 / norm(a));
    }
}
