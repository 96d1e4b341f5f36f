package org.vertreg.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.vertreg.geometry.Vector3;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.LabelMap;
import org.vertreg.imaging.NiftiReader;
import org.vertreg.imaging.ProjectedAnatomy;
import org.vertreg.imaging.VertebraCrop;
import org.vertreg.imaging.Volume;

/**
 * One CT and the vertebra to register in it: a labelled level (the method's setting: the vertebra alone is projected,
 * its neighbours removed) or only a point on it. Without labels the vertebra cannot be isolated, so a cube of
 * {@value #POINT_BOX_MM} mm around the point is projected as it is, neighbours and soft tissue included, and the
 * target points fall back to the bone around the point. {@link #withAnatomy} with {@link ProjectedAnatomy#WHOLE_CT}
 * projects the whole CT instead, as a real X-ray shows the vertebra, in either case.
 */
public final class EvaluationCase {

    /** Edge of the cube projected around a point when there are no labels, mm: one lumbar vertebra with its processes. */
    public static final double POINT_BOX_MM = 80;

    private final String name;
    private final Volume ct;
    private final LabelMap labels;
    private final int level;
    private final Vector3 point;
    private final ProjectedAnatomy anatomy;

    private EvaluationCase(String name, Volume ct, LabelMap labels, int level, Vector3 point, ProjectedAnatomy anatomy) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an evaluation case needs a name");
        }
        this.name = name;
        this.ct = Objects.requireNonNull(ct, "ct");
        this.labels = labels;
        this.level = level;
        this.point = point;
        this.anatomy = Objects.requireNonNull(anatomy, "anatomy");
    }

    /** The vertebra labelled {@code level}; the labels must lie on the CT's grid. */
    public static EvaluationCase atLevel(String name, Volume ct, LabelMap labels, int level) {
        Objects.requireNonNull(labels, "labels");
        if (level <= 0) {
            throw new IllegalArgumentException("a vertebra level is a positive label id, got " + level);
        }
        return new EvaluationCase(name, ct, labels, level, null, ProjectedAnatomy.VERTEBRA_ALONE);
    }

    /** The vertebra around an LPS point (mm), for a CT without labels. */
    public static EvaluationCase atPoint(String name, Volume ct, Vector3 point) {
        return new EvaluationCase(name, ct, null, 0, Objects.requireNonNull(point, "point"), ProjectedAnatomy.VERTEBRA_ALONE);
    }

    /** A NIfTI CT and label map (any axis order of the same voxels); the case is named after the CT file. */
    public static EvaluationCase fromNifti(Path ctFile, Path labelsFile, int level) throws IOException {
        Volume ct = NiftiReader.readVolume(ctFile);
        LabelMap labels = NiftiReader.readLabels(labelsFile).onGrid(ct.grid());
        return atLevel(NiftiReader.stem(ctFile), ct, labels, level);
    }

    /** A NIfTI CT and a point on the vertebra (LPS, mm). */
    public static EvaluationCase fromNifti(Path ctFile, Vector3 point) throws IOException {
        return atPoint(NiftiReader.stem(ctFile), NiftiReader.readVolume(ctFile), point);
    }


    /** The crop around the vertebra: by its label (neighbours removed), or the cube around the point. */
    public CroppedVertebra crop() {
        if (labels != null) {
            return VertebraCrop.byLabel(ct, labels, level);
        }
        return VertebraCrop.byCentroid(ct, point, new double[] {POINT_BOX_MM, POINT_BOX_MM, POINT_BOX_MM});
    }

    /** This case with X-rays of {@code other}; the case itself is unchanged. */
    public EvaluationCase withAnatomy(ProjectedAnatomy other) {
        return new EvaluationCase(name, ct, labels, level, point, other);
    }

    /** What the X-rays show; {@link ProjectedAnatomy#VERTEBRA_ALONE} unless {@link #withAnatomy} said otherwise. */
    public ProjectedAnatomy anatomy() {
        return anatomy;
    }

    /**
     * The volume the X-rays project for this case's {@code crop}: the whole CT for {@link ProjectedAnatomy#WHOLE_CT};
     * otherwise the vertebra alone when it is labelled, and the whole crop around the point when it is not (the nearest
     * to the vertebra alone that a point gives).
     */
    public Volume projected(CroppedVertebra crop) {
        if (anatomy == ProjectedAnatomy.VERTEBRA_ALONE && labels == null) {
            return crop.volume();
        }
        return anatomy.select(ct, crop);
    }

    public String name() {
        return name;
    }

    /** The label id, or the point as "x,y,z" in mm. */
    public String vertebra() {
        return labels != null ? Integer.toString(level)
                : String.format(Locale.ROOT, "%.1f,%.1f,%.1f", point.x(), point.y(), point.z());
    }
}
