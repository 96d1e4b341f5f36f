package org.vertreg.drr;

import java.util.Objects;
import org.vertreg.geometry.Pose;

/**
 * Where a vertebra lies on a C-arm's detector at a pose, for drawing a registration's result over its X-ray: the pixels
 * its image covers ({@code inside}) and their border ({@code edge}: inside pixels with a 4-neighbour outside, the image's
 * own border counting as outside, so the outline stays closed where the vertebra leaves the detector).
 *
 * <p>A pixel is inside when the ray's line integral through the projected volume exceeds {@value #MASK_FRACTION} of the
 * image's largest one. The volume should hold the vertebra alone (on air): the cut then lies just inside its bony edge
 * (interpolation spreads the edge over about a voxel) and still keeps the thin processes, whose integrals are several
 * times the cut (about a sixth of the largest on the phantom). An image where nothing is projected (the vertebra off the
 * detector) has an empty outline.
 *
 * @param columns detector columns of the masks
 * @param rows    detector rows of the masks
 * @param inside  row-major, true where the vertebra is
 * @param edge    row-major, true on the outline
 */
public record VertebraOutline(int columns, int rows, boolean[] inside, boolean[] edge) {

    /** Share of the largest line integral above which a ray counts as crossing the vertebra. */
    public static final double MASK_FRACTION = 0.05;

    public VertebraOutline {
        Objects.requireNonNull(inside, "inside");
        Objects.requireNonNull(edge, "edge");
        if (columns < 1 || rows < 1 || inside.length != columns * rows || edge.length != columns * rows) {
            throw new IllegalArgumentException("masks of " + inside.length + " and " + edge.length + " values are not " + columns + "x" + rows);
        }
    }

    /** The outline on the detector of {@code xrays} at {@code pose}. */
    public static VertebraOutline at(SimulatedXrays xrays, Pose pose) {
        return at(xrays, pose, 1);
    }

    /**
     * The outline on a detector {@code scale} times finer over the same field of view (pixel (c, r) there covers
     * detector position ((c + ½)/scale − ½, (r + ½)/scale − ½)), so that an image enlarged by {@code scale} gets a crisp
     * line one display pixel wide.
     */
    public static VertebraOutline at(SimulatedXrays xrays, Pose pose, int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1, got " + scale);
        }
        SimulatedXrays onto = scale == 1 ? xrays : xrays.onDetector(xrays.columns() * scale, xrays.rows() * scale);
        return of(onto.lineIntegrals(Objects.requireNonNull(pose, "pose")), onto.columns(), onto.rows());
    }

    /** The outline of given line integrals ({@code columns × rows}, row-major). */
    public static VertebraOutline of(float[] lineIntegrals, int columns, int rows) {
        if (lineIntegrals.length != columns * rows) {
            throw new IllegalArgumentException(lineIntegrals.length + " line integrals are not " + columns + "x" + rows);
        }
        float max = 0;
        for (float p : lineIntegrals) {
            max = Math.max(max, p);
        }
        boolean[] inside = new boolean[lineIntegrals.length];
        if (max > 0) {
            double cut = MASK_FRACTION * max;
            for (int i = 0; i < inside.length; i++) {
                inside[i] = lineIntegrals[i] > cut;
            }
        }
        boolean[] edge = new boolean[inside.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                int i = r * columns + c;
                edge[i] = inside[i] && (c == 0 || !inside[i - 1] || c == columns - 1 || !inside[i + 1]
                        || r == 0 || !inside[i - columns] || r == rows - 1 || !inside[i + columns]);
            }
        }
        return new VertebraOutline(columns, rows, inside, edge);
    }

    public boolean isInside(int column, int row) {
        return inside[index(column, row)];
    }

    public boolean isEdge(int column, int row) {
        return edge[index(column, row)];
    }

    /** Pixels on the outline; 0 when the vertebra is not on the detector. */
    public int edgePixels() {
        int n = 0;
        for (boolean e : edge) {
            n += e ? 1 : 0;
        }
        return n;
    }

    private int index(int column, int row) {
        if (column < 0 || column >= columns || row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("pixel (" + column + ", " + row + ") is off the " + columns + "x" + rows + " detector");
        }
        return row * columns + column;
    }
}
