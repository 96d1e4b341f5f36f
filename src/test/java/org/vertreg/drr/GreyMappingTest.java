package org.vertreg.drr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Pose;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.ProjectedAnatomy;
import org.vertreg.imaging.SpinePhantom;
import org.vertreg.imaging.VertebraCrop;

class GreyMappingTest {

    @Test
    void theExponentialIsTheMethodsFixedMapping() {
        for (float p : new float[] {0f, 0.3f, 1f, 3f, 6f}) {
            assertEquals(DrrImageMapping.grey(p), GreyMapping.EXPONENTIAL.grey(p));
        }
    }

    @Test
    void aWindowIsLinearBetweenItsEndsAndClampedOutside() {
        GreyMapping.Window w = new GreyMapping.Window(4, 6);
        assertEquals(0f, w.grey(4f));
        assertEquals(255f, w.grey(6f));
        assertEquals(128f, w.grey(5.004f));
        assertEquals(0f, w.grey(1f));
        assertEquals(255f, w.grey(9f));
        assertEquals(0f, w.grey(Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> new GreyMapping.Window(5, 5));
    }

    @Test
    void aWholeBodysLongPathsSaturateTheExponentialButNotTheWindowTakenFromThem() {
        // Paths of 4.5-5.3 through an abdomen, the vertebra adding at most 0.6: the case the window exists for.
        float[] integrals = new float[1000];
        for (int i = 0; i < integrals.length; i++) {
            integrals[i] = 4.5f + 0.8f * i / integrals.length;
        }
        float spreadExponential = GreyMapping.EXPONENTIAL.grey(5.3f) - GreyMapping.EXPONENTIAL.grey(4.5f);
        GreyMapping.Window window = GreyMapping.windowFor(integrals);
        float spreadWindow = window.grey(5.3f) - window.grey(4.5f);
        assertTrue(spreadExponential <= 2, "exponential spread " + spreadExponential);
        assertTrue(spreadWindow > 190, "window spread " + spreadWindow);
    }

    @Test
    void wholeCtXraysKeepOneWindowAtEveryPoseAndShowTheVertebra() {
        SpinePhantom phantom = SpinePhantom.create();
        CroppedVertebra crop = VertebraCrop.byLabel(phantom.volume(), phantom.labels(), SpinePhantom.MIDDLE_LABEL);
        SimulatedXrays whole = SimulatedXrays.of(ProjectedAnatomy.WHOLE_CT, phantom.volume(), crop.centroid(),
                CarmGeometry.defaults(crop.centroid()));
        SimulatedXrays alone = SimulatedXrays.of(ProjectedAnatomy.VERTEBRA_ALONE, crop.vertebraAlone(), crop.centroid(),
                CarmGeometry.defaults(crop.centroid()));
        assertTrue(whole.mapping() instanceof GreyMapping.Window);
        assertEquals(GreyMapping.EXPONENTIAL, alone.mapping());
        assertEquals(whole.mapping(), whole.onDetector(64, 64).mapping());
        float[] grey = whole.drr(new Pose(5, -4, 3, 2, -3, 1));
        float min = 255, max = 0;
        for (float g : grey) {
            min = Math.min(min, g);
            max = Math.max(max, g);
        }
        assertTrue(max - min > 150, "grey range " + min + ".." + max);
    }
}
