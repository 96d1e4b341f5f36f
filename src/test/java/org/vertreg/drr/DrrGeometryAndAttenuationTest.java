package org.vertreg.drr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vertreg.imaging.Volume;

class DrrGeometryAndAttenuationTest {
    private static final double[] S = {0, -600, 0}, D0 = {-10, 400, 10}, U = {1, 0, 0}, V = {0, 0, -1};

    @Test
    void pixelCentresAndRayDirectionsFollowTheDetectorVectors() {
        ProjectionGeometry g = new ProjectionGeometry(S, D0, U, V, 0.5, 2.0, 41, 11);
        assertArrayEquals(new double[] {-10 + 3 * 0.5, 400, 10 - 4 * 2.0}, g.pixelCentre(3, 4), 1e-12);
        double[] d = g.rayDirection(20, 5);
        double len = Math.sqrt(0 + 1000 * 1000 + 0);
        assertArrayEquals(new double[] {0, 1000 / len, 0}, d, 1e-12);
        assertArrayEquals(new double[] {0, 1, 0}, g.detectorNormal(), 1e-12);
    }

    @Test
    void invalidGeometriesCannotExist() {
        assertThrows(IllegalArgumentException.class, () -> new ProjectionGeometry(S, D0, U, new double[] {0.1, 0, -1}, 1, 1, 8, 8));
        assertThrows(IllegalArgumentException.class, () -> new ProjectionGeometry(S, D0, new double[] {2, 0, 0}, V, 1, 1, 8, 8));
        assertThrows(IllegalArgumentException.class, () -> new ProjectionGeometry(new double[] {Double.NaN, 0, 0}, D0, U, V, 1, 1, 8, 8));
        assertThrows(IllegalArgumentException.class, () -> new ProjectionGeometry(S, D0, U, V, 0, 1, 8, 8));
        assertThrows(IllegalArgumentException.class, () -> new ProjectionGeometry(S, D0, U, V, 1, Double.POSITIVE_INFINITY, 8, 8));
        assertThrows(IllegalArgumentException.class, () -> new ProjectionGeometry(S, D0, U, V, 1, 1, 0, 8));
        assertThrows(IllegalArgumentException.class, () -> new ProjectionGeometry(S, D0, U, V, 1, 1, 8, -1));
        assertThrows(IllegalArgumentException.class, () -> new ProjectionGeometry(new double[] {0, 400, 0}, D0, U, V, 1, 1, 8, 8));
    }

    @Test
    void geometryIsImmutable() {
        double[] s = S.clone();
        ProjectionGeometry g = new ProjectionGeometry(s, D0, U, V, 1, 1, 8, 8);
        s[0] = 99;
        g.source()[1] = 99;
        assertArrayEquals(S, g.source());
        assertEquals(new ProjectionGeometry(S, D0, U, V, 1, 1, 8, 8), g);
    }

    @Test
    void attenuationIsMuWaterTimesOnePlusHuOverThousandWithAirClamped() {
        assertEquals(0f, AttenuationVolume.attenuation(-1000f));
        assertEquals(0f, AttenuationVolume.attenuation(-3024f));
        assertEquals(0.02f, AttenuationVolume.attenuation(0f), 1e-9);
        assertEquals(0.01f, AttenuationVolume.attenuation(-500f), 1e-9);
        assertEquals(0.04f, AttenuationVolume.attenuation(1000f), 1e-9);
    }

    @Test
    void theBoneThresholdRemovesEverythingBelowIt() {
        float[] hu = {-2000, -1000, 0, 150, 250, 1200, 40, 199};
        Volume vol = new Volume(Phantoms.centredGrid(2, 1.0), hu);
        AttenuationVolume all = AttenuationVolume.of(vol), bone = AttenuationVolume.of(vol, 200);
        float[] expectAll = {0, 0, 0.02f, 0.023f, 0.025f, 0.044f, 0.0208f, 0.02398f};
        float[] expectBone = {0, 0, 0, 0, 0.025f, 0.044f, 0, 0};
        for (int n = 0; n < 8; n++) {
            int i = n & 1, j = (n >> 1) & 1, k = n >> 2;
            assertEquals(expectAll[n], all.muAt(i, j, k), 1e-6, "voxel " + n);
            assertEquals(expectBone[n], bone.muAt(i, j, k), 1e-6, "voxel " + n);
        }
        assertEquals(1.0, all.minSpacing());
    }
}
