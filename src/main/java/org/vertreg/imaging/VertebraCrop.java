package org.vertreg.imaging;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.vertreg.geometry.Vector3;

/**
 * Cuts the part of a CT that holds one vertebra, as the paper projects it: the target vertebra alone, the
 * voxels of its labelled neighbours set to air and their labels to 0 in the cropped label map (a switch keeps
 * them).
 *
 * <p>The box is a block of whole voxels of the source grid, aligned with its voxel axes (so along the patient
 * axes only when the source direction is the identity). The crop keeps spacing and direction; its origin is the
 * LPS centre of the box's first voxel, so each crop voxel has the LPS position and value of the source voxel it
 * was copied from. Box voxels beyond the source volume are air ({@value #AIR_HU} HU, label 0).
 *
 * <p>Box sizes given in mm are rounded per axis to the nearest whole number of voxels (at least one); the box
 * is placed so that its centre lies within half a voxel of the requested centroid. Margins in mm are rounded up
 * to whole voxels.
 */
public final class VertebraCrop {

    /** Margin added on every side of a label's bounding box unless another is given. */
    public static final double DEFAULT_MARGIN_MM = 10;
    /** HU written where neighbours are removed and where the box leaves the source volume. */
    public static final float AIR_HU = -1000f;
    private static final double SAME_GRID_TOLERANCE_MM = 1e-3;

    private VertebraCrop() {
    }

    /** Crop around label {@code labelId}: its bounding box plus {@link #DEFAULT_MARGIN_MM}, neighbours removed. */
    public static CroppedVertebra byLabel(Volume volume, LabelMap labels, int labelId) {
        return byLabel(volume, labels, labelId, DEFAULT_MARGIN_MM, false);
    }

    /**
     * Crop around label {@code labelId}: its bounding box plus {@code marginMm} on every side.
     *
     * @throws IllegalArgumentException when the label is absent or the labels lie on another grid than the volume
     */
    public static CroppedVertebra byLabel(Volume volume, LabelMap labels, int labelId, double marginMm, boolean keepNeighbours) {
        requireSameGrid(volume, labels);
        if (!(marginMm >= 0) || Double.isInfinite(marginMm)) {
            throw new IllegalArgumentException("margin must be finite and not negative: " + marginMm);
        }
        VolumeGrid g = labels.grid();
        int[] min = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] max = {Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    if (labels.labels()[g.index(i, j, k)] == labelId) {
                        int[] ijk = {i, j, k};
                        for (int a = 0; a < 3; a++) {
                            min[a] = Math.min(min[a], ijk[a]);
                            max[a] = Math.max(max[a], ijk[a]);
                        }
                    }
                }
            }
        }
        if (min[0] == Integer.MAX_VALUE) {
            throw absent(labelId, labels);
        }
        int[] lo = new int[3], size = new int[3];
        for (int a = 0; a < 3; a++) {
            int m = (int) Math.ceil(marginMm / g.spacing()[a] - 1e-9);
            lo[a] = min[a] - m;
            size[a] = max[a] - min[a] + 1 + 2 * m;
        }
        return cut(volume, labels, lo, size, centroid(labels, labelId), labelId, keepNeighbours);
    }

    /** Crop a box of {@code boxMm} (per voxel axis) centred on the centroid of label {@code labelId}. */
    public static CroppedVertebra byLabelInBox(Volume volume, LabelMap labels, int labelId, double[] boxMm, boolean keepNeighbours) {
        requireSameGrid(volume, labels);
        return byCentroid(volume, labels, centroid(labels, labelId), boxMm, labelId, keepNeighbours);
    }

    /** Crop a box of {@code boxMm} (per voxel axis) centred on an LPS point; no labels, nothing removed. */
    public static CroppedVertebra byCentroid(Volume volume, Vector3 centroid, double[] boxMm) {
        return byCentroid(volume, null, centroid, boxMm, 0, true);
    }

    /**
     * Crop a box of {@code boxMm} (per voxel axis) centred on an LPS point. With {@code labels} (may be null) the
     * crop carries them; voxels of labels other than {@code labelId} become air unless {@code keepNeighbours} or
     * {@code labelId} is 0.
     */
    public static CroppedVertebra byCentroid(Volume volume, LabelMap labels, Vector3 centroid, double[] boxMm, int labelId,
            boolean keepNeighbours) {
        if (labels != null) {
            requireSameGrid(volume, labels);
        }
        if (boxMm.length != 3) {
            throw new IllegalArgumentException("box size needs 3 values (mm along i, j, k)");
        }
        VolumeGrid g = volume.grid();
        double[] c = g.toIndex(centroid.x(), centroid.y(), centroid.z());
        int[] lo = new int[3], size = new int[3];
        for (int a = 0; a < 3; a++) {
            if (!(boxMm[a] > 0) || Double.isInfinite(boxMm[a])) {
                throw new IllegalArgumentException("box size must be positive and finite: " + boxMm[a] + " mm on axis " + a);
            }
            size[a] = (int) Math.max(1, Math.round(boxMm[a] / g.spacing()[a]));
            lo[a] = (int) Math.round(c[a] - (size[a] - 1) / 2.0);
        }
        return cut(volume, labels, lo, size, centroid, labelId, keepNeighbours);
    }

    /** The centroid (mean LPS voxel centre) of label {@code labelId}; throws naming the id when it is absent. */
    public static Vector3 centroid(LabelMap labels, int labelId) {
        VolumeGrid g = labels.grid();
        double si = 0, sj = 0, sk = 0;
        long n = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    if (labels.labels()[g.index(i, j, k)] == labelId) {
                        si += i;
                        sj += j;
                        sk += k;
                        n++;
                    }
                }
            }
        }
        if (n == 0) {
            throw absent(labelId, labels);
        }
        double[] p = g.toPatient(si / n, sj / n, sk / n);
        return new Vector3(p[0], p[1], p[2]);
    }

    /** The centroid of every non-zero label present, by label id ascending (for choosing levels). */
    public static SortedMap<Integer, Vector3> centroids(LabelMap labels) {
        VolumeGrid g = labels.grid();
        TreeMap<Integer, double[]> sums = new TreeMap<>();
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    int l = labels.labels()[g.index(i, j, k)];
                    if (l != 0) {
                        double[] s = sums.computeIfAbsent(l, x -> new double[4]);
                        s[0] += i;
                        s[1] += j;
                        s[2] += k;
                        s[3]++;
                    }
                }
            }
        }
        TreeMap<Integer, Vector3> out = new TreeMap<>();
        sums.forEach((l, s) -> {
            double[] p = g.toPatient(s[0] / s[3], s[1] / s[3], s[2] / s[3]);
            out.put(l, new Vector3(p[0], p[1], p[2]));
        });
        return Collections.unmodifiableSortedMap(out);
    }

    private static CroppedVertebra cut(Volume volume, LabelMap labels, int[] lo, int[] size, Vector3 centroid, int labelId,
            boolean keepNeighbours) {
        VolumeGrid src = volume.grid();
        VolumeGrid box = new VolumeGrid(size[0], size[1], size[2], src.spacing(), src.toPatient(lo[0], lo[1], lo[2]), src.direction());
        float[] hu = new float[box.voxelCount()];
        short[] out = labels == null ? null : new short[box.voxelCount()];
        boolean removeNeighbours = labels != null && labelId != 0 && !keepNeighbours;
        for (int k = 0; k < size[2]; k++) {
            int sk = lo[2] + k;
            for (int j = 0; j < size[1]; j++) {
                int sj = lo[1] + j;
                for (int i = 0; i < size[0]; i++) {
                    int si = lo[0] + i, d = box.index(i, j, k);
                    if (si < 0 || sj < 0 || sk < 0 || si >= src.nx() || sj >= src.ny() || sk >= src.nz()) {
                        hu[d] = AIR_HU;
                        continue;
                    }
                    int s = src.index(si, sj, sk);
                    short l = labels == null ? 0 : labels.labels()[s];
                    if (removeNeighbours && l != 0 && l != labelId) {
                        hu[d] = AIR_HU;
                        l = 0;
                    } else {
                        hu[d] = volume.hu()[s];
                    }
                    if (out != null) {
                        out[d] = l;
                    }
                }
            }
        }
        Optional<LabelMap> cropLabels = out == null ? Optional.empty() : Optional.of(new LabelMap(box, out));
        return new CroppedVertebra(new Volume(box, hu), cropLabels, centroid, labelId);
    }

    private static void requireSameGrid(Volume volume, LabelMap labels) {
        if (!labels.grid().sameGeometry(volume.grid(), SAME_GRID_TOLERANCE_MM)) {
            throw new IllegalArgumentException("labels on " + labels.grid() + " do not lie on the volume grid " + volume.grid()
                    + "; move them with LabelMap.onGrid first");
        }
    }

    private static IllegalArgumentException absent(int labelId, LabelMap labels) {
        return new IllegalArgumentException("label " + labelId + " is absent; present labels: "
                + java.util.Arrays.toString(labels.presentLabels()));
    }
}
