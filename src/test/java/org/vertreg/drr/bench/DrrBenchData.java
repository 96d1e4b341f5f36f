package org.vertreg.drr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vertreg.drr.AttenuationVolume;
import org.vertreg.drr.PoseProjection;
import org.vertreg.drr.ProjectionGeometry;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.Vector3;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.LabelMap;
import org.vertreg.imaging.NiftiReader;
import org.vertreg.imaging.VertebraCrop;
import org.vertreg.imaging.Volume;

/**
 * The shared abdomen CT and its L3 vertebra (label 29) for the DRR benchmarks: the whole CT, L3 alone (its own voxels
 * on air, as {@code drr} projects it by default) and the L3 centroid, which is the isocentre of every view.
 * The data folder is {@code $VERTREG_SHARED_DATA}, else {@code ../shared/data} from the working directory (the repo root).
 */
public final class DrrBenchData {
    public static final int LEVEL = 29;
    static final String CT = "ct/totalseg-example-abdomen/example_ct.nii.gz";
    static final String LABELS = "ct/totalseg-example-abdomen/totalseg_vertebrae.nii.gz";

    public final Volume wholeCt;
    public final Volume vertebraAlone;
    public final Vector3 centroid;

    private DrrBenchData(Volume wholeCt, Volume vertebraAlone, Vector3 centroid) {
        this.wholeCt = wholeCt;
        this.vertebraAlone = vertebraAlone;
        this.centroid = centroid;
    }

    public static Path sharedData() {
        String env = System.getenv("VERTREG_SHARED_DATA");
        Path dir = env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "shared", "data");
        if (!Files.isRegularFile(dir.resolve(CT))) {
            throw new IllegalStateException("no " + CT + " under " + dir.toAbsolutePath()
                    + ": run from the repo root or set VERTREG_SHARED_DATA");
        }
        return dir;
    }

    public static DrrBenchData load() throws IOException {
        Path dir = sharedData();
        Volume ct = NiftiReader.readVolume(dir.resolve(CT));
        LabelMap labels = NiftiReader.readLabels(dir.resolve(LABELS));
        LabelMap onCt = labels.onGrid(ct.grid());
        CroppedVertebra crop = VertebraCrop.byLabel(ct, onCt, LEVEL);
        return new DrrBenchData(ct, crop.vertebraAlone(), crop.centroid());
    }

    /** Default C-arm (SDD 1000 mm, SOD 600 mm, AP reference view) at the L3 centroid, size × size pixels of 1 mm. */
    public CarmGeometry carm(int size) {
        return new CarmGeometry(CarmGeometry.DEFAULT_SOURCE_TO_DETECTOR_MM, CarmGeometry.DEFAULT_SOURCE_TO_ISOCENTRE_MM, size, size,
                1.0, centroid, 0, 0);
    }

    public ProjectionGeometry view(int size, Pose pose) {
        return PoseProjection.inCtFrame(carm(size), centroid, pose);
    }

    public static AttenuationVolume mu(Volume v) {
        return AttenuationVolume.of(v);
    }
}
