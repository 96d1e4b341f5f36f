package org.vertreg.drr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Pose;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.SpinePhantom;
import org.vertreg.imaging.VertebraCrop;
import org.vertreg.imaging.Volume;

/** Rays are cut to the box where μ is not 0; the images must be those of rays cut to the whole volume box. */
class OccupiedBoxClippingTest {
    private static final CroppedVertebra CROP;

    static {
        SpinePhantom phantom = SpinePhantom.create();
        CROP = VertebraCrop.byLabel(phantom.volume(), phantom.labels(), SpinePhantom.MIDDLE_LABEL, 25, false);
    }

    @ParameterizedTest
    @EnumSource(DrrRenderer.Sampling.class)
    void theVertebraAloneRendersAsWithoutTheOccupiedBox(DrrRenderer.Sampling sampling) {
        AttenuationVolume tight = AttenuationVolume.of(CROP.vertebraAlone()), whole = tight.withWholeBoxClipping();
        assertTrue(tight.clipHi(0) - tight.clipLo(0) < whole.clipHi(0) - whole.clipLo(0), "the occupied box is smaller than the crop");
        DrrRenderer renderer = new DrrRenderer(sampling, DrrRenderer.DEFAULT_STEP_VOXELS, false);
        CarmGeometry carm = CarmGeometry.defaults(CROP.centroid());
        for (Pose pose : new Pose[] {Pose.identity(), new Pose(17, -12, 9, 8, -9, 6), new Pose(-18, 18, -18, -10, 10, -10)}) {
            ProjectionGeometry view = PoseProjection.inCtFrame(carm, CROP.centroid(), pose);
            float[] a = renderer.render(tight, view), b = renderer.render(whole, view);
            double peak = 0;
            for (float v : b) {
                peak = Math.max(peak, v);
            }
            assertTrue(peak > 0.3, "the vertebra is in view");
            // Joseph's planes are the same either way; trilinear steps move with the segment, so within its step error
            double tolerance = sampling == DrrRenderer.Sampling.SLICE_BILINEAR ? 1e-5 * peak : 1e-2 * peak;
            for (int i = 0; i < a.length; i++) {
                assertEquals(b[i], a[i], tolerance, sampling + " pose " + pose + " pixel " + i);
            }
        }
    }

    @Test
    void anAllAirVolumeHasAnEmptyBoxAndRendersBlack() {
        float[] air = new float[CROP.volume().hu().length];
        Arrays.fill(air, -1000f);
        AttenuationVolume mu = AttenuationVolume.of(new Volume(CROP.volume().grid(), air));
        assertTrue(mu.clipHi(0) < mu.clipLo(0));
        for (DrrRenderer.Sampling sampling : DrrRenderer.Sampling.values()) {
            float[] drr = new DrrRenderer(sampling, DrrRenderer.DEFAULT_STEP_VOXELS, true)
                    .render(mu, PoseProjection.of(CarmGeometry.defaults(CROP.centroid())));
            for (float v : drr) {
                assertEquals(0f, v);
            }
        }
    }
}
