package org.vertreg.drr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vertreg.imaging.VolumeGrid;

/** Line integrals through homogeneous shapes against their closed forms (point source, oblique rays). */
class DrrRendererAnalyticTest {
    private static final double TOLERANCE = 0.005;
    private static final VolumeGrid GRID = Phantoms.centredGrid(100, 0.5);
    private static final ProjectionGeometry VIEW = Phantoms.viewAlongY(600, 1000, 97, 97, 1.0);
    private static final double MU = Phantoms.MATERIAL_MU;

    @ParameterizedTest
    @EnumSource(DrrRenderer.Sampling.class)
    void sphereChordsAreTwoMuSqrtOfRSquaredMinusBSquared(DrrRenderer.Sampling sampling) {
        double r = 20;
        double[] c = {0.13, -0.21, 0.37};
        float[] drr = render(sampling, (x, y, z) -> sq(x - c[0]) + sq(y - c[1]) + sq(z - c[2]) <= r * r);
        double[] s = VIEW.source();
        double worst = 0, worstInner = 0;
        int compared = 0, outside = 0;
        for (int row = 0; row < VIEW.rows(); row++) {
            for (int col = 0; col < VIEW.columns(); col++) {
                double b = Phantoms.norm(Phantoms.cross(Phantoms.sub(c, s), VIEW.rayDirection(col, row)));
                float got = drr[row * VIEW.columns() + col];
                if (b <= 0.9 * r) {
                    double expected = 2 * MU * Math.sqrt(r * r - b * b);
                    double error = Math.abs(got - expected) / expected;
                    worst = Math.max(worst, error);
                    worstInner = b <= 0.5 * r ? Math.max(worstInner, error) : worstInner;
                    compared++;
                } else if (b > r + 1) {
                    assertEquals(0f, got, "ray at impact " + b + " mm misses the sphere");
                    outside++;
                }
            }
        }
        int centre = VIEW.rows() / 2 * VIEW.columns() + VIEW.columns() / 2;
        System.out.printf("%s sphere: %d rays, worst relative error %.5f%% (b ≤ r/2: %.5f%%), central ray %.6f vs 2rμ %.6f%n", sampling, compared,
                100 * worst, 100 * worstInner, drr[centre], 2 * r * MU);
        assertEquals(2 * r * MU, drr[centre], TOLERANCE * 2 * r * MU, "central ray");
        assertTrue(compared > 2000 && outside > 1000, compared + " rays compared, " + outside + " outside");
        assertTrue(worst < TOLERANCE, "worst relative error " + worst);
    }

    @ParameterizedTest
    @EnumSource(DrrRenderer.Sampling.class)
    void boxPathLengthsMatchTheSlabIntersection(DrrRenderer.Sampling sampling) {
        double[] lo = {-15, -10, -8}, hi = {13, 12, 10};
        float[] drr = render(sampling, (x, y, z) -> x >= lo[0] && x <= hi[0] && y >= lo[1] && y <= hi[1] && z >= lo[2] && z <= hi[2]);
        double[] s = VIEW.source();
        double worst = 0;
        int compared = 0;
        for (int row = 0; row < VIEW.rows(); row++) {
            for (int col = 0; col < VIEW.columns(); col++) {
                double[] d = VIEW.rayDirection(col, row);
                // enters through y = lo, leaves through y = hi (rays run along +y)
                double tIn = (lo[1] - s[1]) / d[1], tOut = (hi[1] - s[1]) / d[1];
                if (!insideFace(s, d, tIn, lo, hi) || !insideFace(s, d, tOut, lo, hi)) {
                    continue;
                }
                double expected = MU * (tOut - tIn);
                float got = drr[row * VIEW.columns() + col];
                worst = Math.max(worst, Math.abs(got - expected) / expected);
                compared++;
            }
        }
        System.out.printf("%s box: %d rays, worst relative error %.5f%%%n", sampling, compared, 100 * worst);
        assertTrue(compared > 1000, compared + " rays compared");
        assertTrue(worst < TOLERANCE, "worst relative error " + worst);
    }

    @ParameterizedTest
    @EnumSource(DrrRenderer.Sampling.class)
    void cylinderChordsFollowTheImpactDistanceInItsCrossSection(DrrRenderer.Sampling sampling) {
        double radius = 15, halfHeight = 18;
        double[] c = {1.3, -0.7};
        float[] drr = render(sampling, (x, y, z) -> sq(x - c[0]) + sq(y - c[1]) <= radius * radius && Math.abs(z) <= halfHeight);
        double[] s = VIEW.source();
        double worst = 0;
        int compared = 0;
        for (int row = 0; row < VIEW.rows(); row++) {
            for (int col = 0; col < VIEW.columns(); col++) {
                double[] d = VIEW.rayDirection(col, row);
                double dxy = Math.hypot(d[0], d[1]);
                double ex = d[0] / dxy, ey = d[1] / dxy;
                double qx = c[0] - s[0], qy = c[1] - s[1];
                double b = Math.abs(qx * ey - qy * ex);
                if (b > 0.9 * radius) {
                    continue;
                }
                double half = Math.sqrt(radius * radius - b * b);
                double along = qx * ex + qy * ey;
                double zIn = s[2] + (along - half) / dxy * d[2], zOut = s[2] + (along + half) / dxy * d[2];
                if (Math.abs(zIn) > halfHeight - 1 || Math.abs(zOut) > halfHeight - 1) {
                    continue;
                }
                double expected = MU * 2 * half / dxy;
                float got = drr[row * VIEW.columns() + col];
                worst = Math.max(worst, Math.abs(got - expected) / expected);
                compared++;
            }
        }
        System.out.printf("%s cylinder: %d rays, worst relative error %.5f%%%n", sampling, compared, 100 * worst);
        assertTrue(compared > 1000, compared + " rays compared");
        assertTrue(worst < TOLERANCE, "worst relative error " + worst);
    }

    private static float[] render(DrrRenderer.Sampling sampling, Phantoms.Shape shape) {
        AttenuationVolume vol = AttenuationVolume.of(Phantoms.voxelise(GRID, shape, 4));
        return new DrrRenderer(sampling, DrrRenderer.DEFAULT_STEP_VOXELS, true).render(vol, VIEW);
    }

    /** Whether the ray point at t lies on the y face with at least 1 mm to the face's x and z edges. */
    private static boolean insideFace(double[] s, double[] d, double t, double[] lo, double[] hi) {
        double x = s[0] + t * d[0], z = s[2] + t * d[2];
        return x >= lo[0] + 1 && x <= hi[0] - 1 && z >= lo[2] + 1 && z <= hi[2] - 1;
    }

    private static double sq(double a) {
        return a * a;
    }
}
