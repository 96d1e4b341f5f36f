package org.vertreg.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.vertreg.geometry.Vector3;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.ProjectedAnatomy;
import org.vertreg.imaging.SpinePhantom;

class EvaluationCaseTest {
    private static final SpinePhantom PHANTOM = SpinePhantom.create();

    @Test
    void aLabelledCaseProjectsTheVertebraAloneUnlessTheWholeCtIsAsked() {
        EvaluationCase labelled = EvaluationCase.atLevel("phantom", PHANTOM.volume(), PHANTOM.labels(), SpinePhantom.MIDDLE_LABEL);
        CroppedVertebra crop = labelled.crop();
        assertEquals(ProjectedAnatomy.VERTEBRA_ALONE, labelled.anatomy());
        assertArrayEquals(crop.vertebraAlone().hu(), labelled.projected(crop).hu());

        EvaluationCase whole = labelled.withAnatomy(ProjectedAnatomy.WHOLE_CT);
        assertEquals(ProjectedAnatomy.WHOLE_CT, whole.anatomy());
        assertSame(PHANTOM.volume(), whole.projected(whole.crop()));
        assertEquals(ProjectedAnatomy.VERTEBRA_ALONE, labelled.anatomy(), "the case it was made from is unchanged");
        assertEquals(labelled.name(), whole.name());
        assertEquals(labelled.vertebra(), whole.vertebra());
        assertEquals(crop.centroid(), whole.crop().centroid());
    }

    @Test
    void aCaseAtAPointProjectsItsCubeOrTheWholeCt() {
        EvaluationCase atPoint = EvaluationCase.atPoint("phantom", PHANTOM.volume(), Vector3.ZERO);
        CroppedVertebra crop = atPoint.crop();
        assertSame(crop.volume(), atPoint.projected(crop));
        assertSame(PHANTOM.volume(), atPoint.withAnatomy(ProjectedAnatomy.WHOLE_CT).projected(crop));
    }
}
