package org.vertreg.registration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.vertreg.geometry.Vector3;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.LabelMap;
import org.vertreg.imaging.Volume;
import org.vertreg.imaging.VolumeGrid;

/**
 * The points at which registration errors are measured (DESIGN.md §4), in the CT's LPS frame, mm: the centres of the
 * vertebra's label voxels or, when it has no label, of the bone voxels (> {@value #BONE_HU} HU) within
 * {@value #BONE_RADIUS_MM} mm of its centroid. At most {@value #MAX_POINTS} are kept, taken at an even stride through
 * the voxels in storage order, so that the same CT always yields the same points and they still cover the whole vertebra.
 */
public final class TargetPoints {

    public static final int MAX_POINTS = 2000;
    public static final double BONE_HU = 200;
    public static final double BONE_RADIUS_MM = 25;

    private final List<Vector3> points;

    private TargetPoints(List<Vector3> points) {
        this.points = points;
    }

    /** Given points, subsampled to at most {@link #MAX_POINTS}; refuses an empty list. */
    public static TargetPoints of(List<Vector3> points) {
        Objects.requireNonNull(points, "points");
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a registration error needs at least one target point");
        }
        int n = points.size();
        int kept = Math.min(n, MAX_POINTS);
        List<Vector3> out = new ArrayList<>(kept);
        for (int k = 0; k < kept; k++) {
            // Index k·n/kept: the identity when nothing is dropped, an even stride otherwise.
            out.add(Objects.requireNonNull(points.get((int) ((long) k * n / kept)), "point"));
        }
        return new TargetPoints(Collections.unmodifiableList(out));
    }

    /** From the crop's own label when it has one, otherwise from the bone around its centroid. */
    public static TargetPoints of(CroppedVertebra crop) {
        if (crop.labels().isPresent() && crop.labelId() != 0) {
            return fromLabel(crop.labels().get(), crop.labelId());
        }
        return fromBone(crop.volume(), crop.centroid());
    }

    /** Centres of the voxels labelled {@code labelId}. */
    public static TargetPoints fromLabel(LabelMap labels, int labelId) {
        VolumeGrid g = labels.grid();
        short[] l = labels.labels();
        List<Vector3> found = new ArrayList<>();
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    if (l[g.index(i, j, k)] == labelId) {
                        found.add(centre(g, i, j, k));
                    }
                }
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("label " + labelId + " has no voxels");
        }
        return of(found);
    }

    /** Centres of the voxels above {@link #BONE_HU} within {@link #BONE_RADIUS_MM} of {@code centroid}. */
    public static TargetPoints fromBone(Volume volume, Vector3 centroid) {
        List<Vector3> found = new ArrayList<>();
        forEachBoneVoxel(volume, centroid, (index, centre) -> found.add(centre));
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no bone above " + BONE_HU + " HU within " + BONE_RADIUS_MM + " mm of " + centroid);
        }
        return of(found);
    }

    /**
     * The volume with only the voxels {@link #fromBone} takes, air elsewhere: the vertebra without a label, as near as
     * the CT's values say, for drawing its outline.
     */
    public static Volume boneNear(Volume volume, Vector3 centroid) {
        float[] hu = new float[volume.hu().length];
        Arrays.fill(hu, -1000f);
        forEachBoneVoxel(volume, centroid, (index, centre) -> hu[index] = volume.hu()[index]);
        return new Volume(volume.grid(), hu);
    }

    /** Receives a bone voxel's index and centre. */
    @FunctionalInterface
    private interface BoneVoxel {
        void accept(int index, Vector3 centre);
    }

    private static void forEachBoneVoxel(Volume volume, Vector3 centroid, BoneVoxel action) {
        VolumeGrid g = volume.grid();
        float[] hu = volume.hu();
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    int index = g.index(i, j, k);
                    if (hu[index] > BONE_HU) {
                        Vector3 p = centre(g, i, j, k);
                        if (p.minus(centroid).norm() <= BONE_RADIUS_MM) {
                            action.accept(index, p);
                        }
                    }
                }
            }
        }
    }

    private static Vector3 centre(VolumeGrid g, int i, int j, int k) {
        double[] p = g.toPatient(i, j, k);
        return new Vector3(p[0], p[1], p[2]);
    }

    public List<Vector3> points() {
        return points;
    }

    public int size() {
        return points.size();
    }
}
