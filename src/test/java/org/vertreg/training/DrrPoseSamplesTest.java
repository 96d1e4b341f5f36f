package org.vertreg.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.PoseSampler.Purpose;
import org.vertreg.geometry.PoseSampler;

class DrrPoseSamplesTest {

    @Test
    void aSampleIsTheSameWhateverTheOrderAndThreadThatMakesIt() {
        DrrPoseSamples a = PhantomXrays.samples(8, 3, Purpose.TRAINING, true);
        DrrPoseSamples b = PhantomXrays.samples(8, 3, Purpose.TRAINING, true);
        float[][] images = new float[8][128 * 128];
        float[][] poses = new float[8][6];
        IntStream.range(0, 8).parallel().forEach(i -> a.fill(7 - i, images[7 - i], poses[7 - i]));
        for (int i = 0; i < 8; i++) {
            float[] image = new float[128 * 128], pose = new float[6];
            b.fill(i, image, pose);
            assertArrayEquals(images[i], image, "image " + i);
            assertArrayEquals(poses[i], pose, "pose " + i);
        }
    }

    @Test
    void thePoseIsTheStreamsPoseNormalised() {
        DrrPoseSamples s = PhantomXrays.samples(4, 11, Purpose.VALIDATION, false);
        float[] image = new float[s.pixels()], pose = new float[6];
        s.fill(2, image, pose);
        Pose expected = new PoseSampler(11, Purpose.VALIDATION).pose(2);
        assertEquals(expected, s.pose(2));
        double[] n = expected.normalised();
        for (int k = 0; k < 6; k++) {
            assertEquals(n[k], pose[k], 1e-6);
            assertTrue(Math.abs(pose[k]) <= 1);
        }
        assertArrayEquals(PhantomXrays.get().drr(expected), image, "without low dose the image is the plain DRR");
    }

    @Test
    void imagesAreGreyValuesAndShowTheVertebra() {
        for (boolean lowDose : new boolean[] {false, true}) {
            DrrPoseSamples s = PhantomXrays.samples(6, 5, Purpose.TRAINING, lowDose);
            for (int i = 0; i < s.size(); i++) {
                float[] image = new float[s.pixels()], pose = new float[6];
                s.fill(i, image, pose);
                double min = 255, max = 0;
                for (float g : image) {
                    assertTrue(g >= 0 && g <= 255 && g == Math.rint(g), "grey value " + g);
                    min = Math.min(min, g);
                    max = Math.max(max, g);
                }
                assertTrue(max - min > 50, "sample " + i + (lowDose ? " (low dose)" : "") + " is nearly blank: " + min + ".." + max);
            }
        }
    }

    @Test
    void trainingAndValidationNeverShareAPose() {
        DrrPoseSamples training = new DrrPoseSamples(PhantomXrays.get(),
                DrrPoseSamples.Options.of(2000, 1, Purpose.TRAINING).withRefreshEachEpoch(true));
        DrrPoseSamples validation = new DrrPoseSamples(PhantomXrays.get(), DrrPoseSamples.Options.of(2000, 1, Purpose.VALIDATION));
        Set<Pose> seen = new HashSet<>();
        for (int epoch = 0; epoch < 3; epoch++) {
            DrrPoseSamples e = (DrrPoseSamples) training.forEpoch(epoch);
            for (int i = 0; i < e.size(); i++) {
                assertTrue(seen.add(e.pose(i)), "a refreshed epoch repeats a pose");
            }
        }
        for (int i = 0; i < validation.size(); i++) {
            assertFalse(seen.contains(validation.pose(i)), "validation pose " + i + " is a training pose");
        }
    }

    @Test
    void withoutRefreshEveryEpochSeesTheSameSamples() {
        DrrPoseSamples s = PhantomXrays.samples(5, 2, Purpose.TRAINING, false);
        PoseSamples later = s.forEpoch(7);
        assertSame(s, later);
        DrrPoseSamples fresh = new DrrPoseSamples(PhantomXrays.get(), s.options().withRefreshEachEpoch(true));
        assertEquals(fresh.pose(3), ((DrrPoseSamples) fresh.forEpoch(0)).pose(3));
        assertNotEquals(fresh.pose(3), ((DrrPoseSamples) fresh.forEpoch(1)).pose(3));
        assertEquals(new PoseSampler(2, Purpose.TRAINING).pose(5 + 3), ((DrrPoseSamples) fresh.forEpoch(1)).pose(3));
    }

    @Test
    void refusesIndicesAndBuffersThatDoNotFit() {
        DrrPoseSamples s = PhantomXrays.samples(3, 0, Purpose.TRAINING, false);
        assertThrows(IndexOutOfBoundsException.class, () -> s.fill(3, new float[s.pixels()], new float[6]));
        assertThrows(IllegalArgumentException.class, () -> s.fill(0, new float[10], new float[6]));
        assertThrows(IllegalArgumentException.class, () -> DrrPoseSamples.Options.of(0, 0, Purpose.TRAINING));
        assertEquals(List.of(128, 128), Arrays.asList(s.columns(), s.rows()));
    }
}
