package org.vertreg.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CarmGeometryTest {
    private static final double EPS = 1e-9;
    private static final Vector3 ISO = new Vector3(5, -20, 300);
    private final CarmGeometry carm = CarmGeometry.defaults(ISO);

    @Test
    void referenceViewHasTheTubeUnderTheTableAndTheDetectorAnterior() {
        assertEquals(0, carm.source().maxDifference(ISO.plus(new Vector3(0, 600, 0))), EPS);
        assertEquals(0, carm.detectorCentre().maxDifference(ISO.plus(new Vector3(0, -400, 0))), EPS);
        assertEquals(0, carm.beamDirection().maxDifference(new Vector3(0, -1, 0)), EPS);
        assertEquals(0, carm.columnAxis().maxDifference(new Vector3(-1, 0, 0)), EPS);
        assertEquals(0, carm.rowAxis().maxDifference(new Vector3(0, 0, -1)), EPS);
        assertEquals("R\\F", carm.patientOrientation());
        assertEquals(CarmGeometry.REFERENCE_PATIENT_ORIENTATION, carm.patientOrientation());
    }

    @Test
    void theIsocentreProjectsToTheDetectorCentre() {
        PixelPoint p = carm.project(ISO);
        assertEquals(63.5, p.column(), EPS);
        assertEquals(63.5, p.row(), EPS);
        assertEquals(0, carm.pixelPosition(63.5, 63.5).maxDifference(carm.detectorCentre()), EPS);
    }

    @Test
    void inTheIsocentrePlaneLeftGoesToLowerColumnsMagnifiedBySddOverSod() {
        double d = 12;
        PixelPoint left = carm.project(ISO.plus(new Vector3(d, 0, 0)));
        assertEquals(63.5 - d * 1000.0 / 600.0 / 1.0, left.column(), EPS);
        assertEquals(63.5, left.row(), EPS);
        PixelPoint head = carm.project(ISO.plus(new Vector3(0, 0, d)));
        assertEquals(63.5 - d * 1000.0 / 600.0, head.row(), EPS);
        assertEquals(1000.0 / 600.0, carm.magnification(), EPS);
        assertEquals(0.6, carm.pixelSizeAtIsocentreMm(), EPS);
    }

    @Test
    void pointsNearerTheSourceAreMagnifiedMore() {
        double d = 10;
        double towardSource = 100; // posterior, toward the tube
        PixelPoint p = carm.project(ISO.plus(new Vector3(d, towardSource, 0)));
        // Similar triangles: offset on the detector = d · SDD / (SOD − h).
        double expected = 63.5 - d * 1000.0 / (600.0 - towardSource);
        assertEquals(expected, p.column(), EPS);
        double inPlane = 63.5 - d * 1000.0 / 600.0;
        assertEquals(true, p.column() < inPlane);
    }

    @Test
    void pixelPositionsAndProjectionAgree() {
        Vector3 corner = carm.pixelPosition(0, 0);
        // First pixel is at the patient's left and head (image top-left seen from the source).
        assertEquals(0, corner.maxDifference(carm.detectorCentre().plus(new Vector3(63.5, 0, 63.5))), EPS);
        PixelPoint back = carm.project(carm.pixelPosition(17.25, 100.5));
        assertEquals(17.25, back.column(), EPS);
        assertEquals(100.5, back.row(), EPS);
        assertThrows(IllegalArgumentException.class, () -> carm.project(carm.source().plus(new Vector3(0, 1, 0))));
    }

    @Test
    void zeroPositionerAnglesAreTheReferenceView() {
        CarmGeometry same = carm.withPositionerAngles(0, 0);
        assertEquals(carm, same);
        assertEquals(0, same.source().maxDifference(carm.source()), EPS);
    }

    @Test
    void primaryAngleOf90PutsTheDetectorLeftAndTheSourceRight() {
        CarmGeometry lao = carm.withPositionerAngles(90, 0);
        assertEquals(0, lao.source().maxDifference(ISO.plus(new Vector3(-600, 0, 0))), EPS);
        assertEquals(0, lao.detectorCentre().maxDifference(ISO.plus(new Vector3(400, 0, 0))), EPS);
        // Seen from the source at the right, head up, looking left: image right is the patient's anterior.
        assertEquals(0, lao.columnAxis().maxDifference(new Vector3(0, -1, 0)), EPS);
        assertEquals("A\\F", lao.patientOrientation());
        CarmGeometry rao = carm.withPositionerAngles(-90, 0);
        assertEquals(0, rao.source().maxDifference(ISO.plus(new Vector3(600, 0, 0))), EPS);
    }

    @Test
    void secondaryAngleOf90PutsTheDetectorTowardTheHead() {
        CarmGeometry cranial = carm.withPositionerAngles(0, 90);
        assertEquals(0, cranial.detectorCentre().maxDifference(ISO.plus(new Vector3(0, 0, 400))), EPS);
        assertEquals(0, cranial.source().maxDifference(ISO.plus(new Vector3(0, 0, -600))), EPS);
    }

    @Test
    void anyViewProjectsTheIsocentreToTheCentreAndKeepsMagnification() {
        CarmGeometry oblique = carm.withPositionerAngles(35, -20);
        PixelPoint p = oblique.project(ISO);
        assertEquals(63.5, p.column(), EPS);
        assertEquals(63.5, p.row(), EPS);
        assertEquals(0, oblique.columnAxis().cross(oblique.rowAxis()).maxDifference(oblique.beamDirection()), EPS);
        Vector3 alongColumns = ISO.plus(oblique.columnAxis().times(6));
        assertEquals(63.5 + 10, oblique.project(alongColumns).column(), EPS);
    }

    @Test
    void refusesImpossibleGeometry() {
        assertThrows(IllegalArgumentException.class, () -> new CarmGeometry(600, 600, 128, 128, 1, ISO, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CarmGeometry(1000, 0, 128, 128, 1, ISO, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CarmGeometry(Double.NaN, 600, 128, 128, 1, ISO, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CarmGeometry(1000, 600, 0, 128, 1, ISO, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CarmGeometry(1000, 600, 128, 128, -1, ISO, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CarmGeometry(1000, 600, 128, 128, 1, ISO, 181, 0));
        assertThrows(IllegalArgumentException.class, () -> new CarmGeometry(1000, 600, 128, 128, 1, ISO, 0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new CarmGeometry(1000, 600, 128, 128, 1, null, 0, 0));
    }
}
