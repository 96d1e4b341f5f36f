package org.vertreg.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vertreg.geometry.Vector3;

class ProjectedAnatomyTest {

    @Test
    void labelsRoundTripAndJunkIsRefusedWithTheLabels() {
        for (ProjectedAnatomy a : ProjectedAnatomy.values()) {
            assertSame(a, ProjectedAnatomy.fromLabel(a.label()));
        }
        assertEquals("vertebra-alone", ProjectedAnatomy.VERTEBRA_ALONE.label());
        assertEquals("whole-ct", ProjectedAnatomy.WHOLE_CT.label());
        for (String junk : new String[] {"WHOLE_CT", "whole", "", " whole-ct"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProjectedAnatomy.fromLabel(junk));
            assertTrue(e.getMessage().contains("vertebra-alone, whole-ct"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ProjectedAnatomy.fromLabel(null));
    }

    @Test
    void theVertebraAloneKeepsOnlyItsLabelAndTheWholeCtIsTheCt() {
        SpinePhantom phantom = SpinePhantom.create();
        CroppedVertebra crop = VertebraCrop.byLabel(phantom.volume(), phantom.labels(), SpinePhantom.MIDDLE_LABEL);
        assertSame(phantom.volume(), ProjectedAnatomy.WHOLE_CT.select(phantom.volume(), crop));
        Volume alone = ProjectedAnatomy.VERTEBRA_ALONE.select(phantom.volume(), crop);
        short[] labels = crop.labels().orElseThrow().labels();
        for (int v = 0; v < labels.length; v++) {
            assertEquals(labels[v] == SpinePhantom.MIDDLE_LABEL ? crop.volume().hu()[v] : VertebraCrop.AIR_HU, alone.hu()[v]);
        }

        CroppedVertebra aroundPoint = VertebraCrop.byCentroid(phantom.volume(), Vector3.ZERO, new double[] {40, 40, 40});
        assertThrows(IllegalStateException.class, () -> ProjectedAnatomy.VERTEBRA_ALONE.select(phantom.volume(), aroundPoint));
        assertSame(phantom.volume(), ProjectedAnatomy.WHOLE_CT.select(phantom.volume(), aroundPoint));
    }
}
