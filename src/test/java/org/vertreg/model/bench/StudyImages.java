package org.vertreg.model.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.vertreg.drr.SimulatedXrays;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.PoseSampler;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.LabelMap;
import org.vertreg.imaging.NiftiReader;
import org.vertreg.imaging.VertebraCrop;
import org.vertreg.imaging.Volume;

/**
 * Low-dose X-rays of one vertebra alone at uniformly drawn poses, rendered once and kept as 8-bit grey values (as the
 * paper's PNGs are), with their normalised poses: the data {@link PresetStudy} trains and validates on.
 *
 * @param grey  {@code count} images of 128×128 grey values, row-major, one after another
 * @param poses {@code count} × 6 normalised pose parameters
 */
record StudyImages(byte[] grey, float[] poses, int count, int side) {

    static StudyImages render(SimulatedXrays xrays, PoseSampler sampler, int count) {
        int pixels = xrays.columns() * xrays.rows();
        byte[] grey = new byte[count * pixels];
        float[] poses = new float[count * 6];
        IntStream.range(0, count).parallel().forEach(i -> {
            Pose pose = sampler.pose(i);
            float[] image = xrays.lowDose(pose, sampler.auxiliarySeed(i));
            for (int p = 0; p < pixels; p++) {
                grey[i * pixels + p] = (byte) Math.max(0, Math.min(255, Math.round(image[p])));
            }
            double[] n = pose.normalised();
            for (int k = 0; k < 6; k++) {
                poses[i * 6 + k] = (float) n[k];
            }
        });
        return new StudyImages(grey, poses, count, xrays.columns());
    }

    /** The vertebra labelled {@code level} in a NIfTI CT and label map, alone (neighbours removed), the C-arm at its centroid. */
    static SimulatedXrays vertebra(Path ct, Path labels, int level) throws IOException {
        Volume volume = NiftiReader.readVolume(ct);
        LabelMap map = NiftiReader.readLabels(labels).onGrid(volume.grid(), 0.1);
        CroppedVertebra crop = VertebraCrop.byLabel(volume, map, level, VertebraCrop.DEFAULT_MARGIN_MM, false);
        return SimulatedXrays.around(crop.vertebraAlone(), crop.centroid());
    }

    /** Images {@code indices} as a float batch (n, 1, side, side), grey 0–255. */
    float[] images(int[] indices) {
        int pixels = side * side;
        float[] out = new float[indices.length * pixels];
        for (int b = 0; b < indices.length; b++) {
            for (int p = 0; p < pixels; p++) {
                out[b * pixels + p] = grey[indices[b] * pixels + p] & 0xFF;
            }
        }
        return out;
    }

    float[] poses(int[] indices) {
        float[] out = new float[indices.length * 6];
        for (int b = 0; b < indices.length; b++) {
            System.arraycopy(poses, indices[b] * 6, out, b * 6, 6);
        }
        return out;
    }
}
