package org.vertreg.drr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LowDoseSimulatorTest {
    private static final int W = 96, H = 80;

    /** Left half black (0), right half a bright vertebra-like 200. */
    private static float[] step() {
        float[] img = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = W / 2; x < W; x++) {
                img[y * W + x] = 200;
            }
        }
        return img;
    }

    /** Mean of the right band minus mean of the left band, away from the edge. */
    private static double contrast(float[] img) {
        double left = 0, right = 0;
        int n = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 4; x < W / 2 - 8; x++) {
                left += img[y * W + x];
                right += img[y * W + W - 1 - x];
                n++;
            }
        }
        return (right - left) / n;
    }

    /** Largest jump between horizontal neighbours. */
    private static double sharpestEdge(float[] img) {
        double max = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 1; x < W; x++) {
                max = Math.max(max, Math.abs(img[y * W + x] - img[y * W + x - 1]));
            }
        }
        return max;
    }

    @Test
    void theSameSeedGivesTheIdenticalImageAndOtherSeedsOtherImages() {
        float[] a = LowDoseSimulator.simulate(step(), W, H, 42);
        float[] b = LowDoseSimulator.simulate(step(), W, H, 42);
        float[] c = LowDoseSimulator.simulate(step(), W, H, 43);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        assertEquals(LowDoseParameters.draw(new SplittableRandom(5)), LowDoseParameters.draw(new SplittableRandom(5)));
    }

    @Test
    void outputIsEightBitLikeAndTheInputIsUntouched() {
        float[] in = step();
        for (long seed = 0; seed < 30; seed++) {
            for (float g : LowDoseSimulator.simulate(in, W, H, seed)) {
                assertTrue(g >= 0 && g <= 255 && g == Math.rint(g), "grey " + g + " with seed " + seed);
            }
        }
        assertArrayEquals(step(), in);
    }

    @Test
    void parametersStayInTheirDocumentedRanges() {
        for (long seed = 0; seed < 200; seed++) {
            LowDoseParameters p = LowDoseParameters.draw(new SplittableRandom(seed));
            assertTrue(p.fogStrength() >= LowDoseParameters.FOG_MIN && p.fogStrength() < LowDoseParameters.FOG_MAX);
            assertTrue(p.fogNoise() >= LowDoseParameters.FOG_NOISE_MIN && p.fogNoise() < LowDoseParameters.FOG_NOISE_MAX);
            assertTrue(p.artefacts().size() <= LowDoseParameters.MAX_ARTEFACTS);
            assertTrue(p.blurSigma() >= LowDoseParameters.BLUR_SIGMA_MIN && p.blurSigma() < LowDoseParameters.BLUR_SIGMA_MAX);
            assertTrue(p.contrast() >= LowDoseParameters.CONTRAST_MIN && p.contrast() < LowDoseParameters.CONTRAST_MAX);
            assertTrue(Math.abs(p.brightness()) <= LowDoseParameters.BRIGHTNESS_MAX);
        }
    }

    @Test
    void fogLowersContrastByItsStrengthAndLiftsTheBlack() {
        float[] in = step();
        LowDoseParameters fogOnly = new LowDoseParameters(0.3, 0.4, List.of(), 0.5, 1.0, 0);
        float[] out = LowDoseSimulator.simulate(in, W, H, fogOnly, new SplittableRandom(1));
        // (1 − f)·200 between the bands; the black band lifts to f·255·(1 − n/2) on average
        assertEquals(0.7 * 200, contrast(out), 2.0);
        assertEquals(0.3 * 255 * 0.8, out[H / 2 * W + 10], 0.3 * 255 * 0.2 + 1);
        assertTrue(contrast(out) < contrast(in) - 50);
    }

    @Test
    void theFiveByFiveBlurSoftensEdges() {
        float[] in = step();
        LowDoseParameters sharp = new LowDoseParameters(0, 0, List.of(), 1e-3, 1.0, 0);
        LowDoseParameters blurred = new LowDoseParameters(0, 0, List.of(), 1.5, 1.0, 0);
        float[] a = LowDoseSimulator.simulate(in, W, H, sharp, new SplittableRandom(1));
        float[] b = LowDoseSimulator.simulate(in, W, H, blurred, new SplittableRandom(1));
        assertEquals(200, sharpestEdge(a), 1e-3);
        assertTrue(sharpestEdge(b) < 0.5 * 200, "edge " + sharpestEdge(b));
        assertEquals(contrast(a), contrast(b), 1e-3, "a blur keeps the bands' levels");
    }

    @Test
    void contrastAndBrightnessActAroundMidGrey() {
        float[] in = step();
        LowDoseParameters p = new LowDoseParameters(0, 0, List.of(), 1e-3, 0.5, 10);
        float[] out = LowDoseSimulator.simulate(in, W, H, p, new SplittableRandom(1));
        assertEquals(Math.round((0 - 127.5) * 0.5 + 127.5 + 10), out[10], 0);
        assertEquals(Math.round((200 - 127.5) * 0.5 + 127.5 + 10), out[W - 10], 0);
    }

    @Test
    void anArtefactAddsABlurredBlobWhereItIsPlaced() {
        float[] in = new float[W * H];
        LowDoseParameters.Artefact blob = new LowDoseParameters.Artefact(false, 0.25, 0.5, 0.05, 1, 0, 1.5, 50);
        LowDoseParameters p = new LowDoseParameters(0, 0, List.of(blob), 1e-3, 1.0, 0);
        float[] out = LowDoseSimulator.simulate(in, W, H, p, new SplittableRandom(1));
        int cx = W / 4, cy = H / 2;
        assertTrue(out[cy * W + cx] > 40, "centre " + out[cy * W + cx]);
        assertEquals(0, out[cy * W + cx + 20], 0, "far from the blob");
        assertTrue(out[cy * W + cx + 5] > 0 && out[cy * W + cx + 5] < out[cy * W + cx], "soft rim");
    }

    @Test
    void onAverageTheSimulationLowersContrast() {
        float[] in = step();
        double sum = 0;
        int n = 40;
        for (long seed = 0; seed < n; seed++) {
            sum += contrast(LowDoseSimulator.simulate(in, W, H, seed));
        }
        // fog ≤ 0.4 and contrast ≤ 1 keep at most 0.9·200; on average ≈ 0.75·0.85·200
        assertTrue(sum / n < 0.8 * 200, "mean contrast " + sum / n);
        assertTrue(sum / n > 0.3 * 200, "mean contrast " + sum / n);
    }

    @Test
    void theGreyMappingIsFixedAndMonotonic() {
        assertEquals(0f, DrrImageMapping.grey(0f));
        assertEquals(0f, DrrImageMapping.grey(-1f));
        assertEquals(0f, DrrImageMapping.grey(Float.NaN));
        assertEquals(Math.rint(255 * (1 - Math.exp(-1))), DrrImageMapping.grey(1f));
        assertEquals(255f, DrrImageMapping.grey(100f));
        float previous = 0;
        for (float p = 0; p < 8; p += 0.01f) {
            float g = DrrImageMapping.grey(p);
            assertTrue(g >= previous && g <= 255);
            previous = g;
        }
        float[] lineIntegrals = {0, 0.5f, 2};
        assertArrayEquals(new float[] {0, DrrImageMapping.grey(0.5f), DrrImageMapping.grey(2)}, DrrImageMapping.toGrey(lineIntegrals));
    }
}
