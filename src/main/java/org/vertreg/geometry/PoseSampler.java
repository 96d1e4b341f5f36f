package org.vertreg.geometry;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Poses drawn uniformly in ±18° per rotation and ±10 mm per translation (the method's training and test range), by
 * index: pose {@code i} of a stream depends only on the seed, the purpose and {@code i}, so a dataset can be rendered
 * on the fly in any order, resumed after a kill, or split over threads and still hold the same samples.
 *
 * <p>Training, validation and evaluation draw from separate streams of the same seed; an evaluation therefore never
 * sees a training pose unless two seeds collide through the mixer, which a 64-bit hash makes negligible.
 */
public final class PoseSampler {

    /** Half-width of the uniform range per rotation, in degrees. */
    public static final double ROTATION_RANGE_DEGREES = Pose.ROTATION_SCALE_DEGREES;
    /** Half-width of the uniform range per translation, in mm. */
    public static final double TRANSLATION_RANGE_MM = Pose.TRANSLATION_SCALE_MM;

    /** What a stream of poses is for; each purpose has its own stream. */
    public enum Purpose {
        TRAINING(0x5452_4149_4E49_4E47L), VALIDATION(0x5641_4C49_4441_5445L), EVALUATION(0x4556_414C_5541_5445L);

        private final long salt;

        Purpose(long salt) {
            this.salt = salt;
        }
    }

    private final long seed;
    private final Purpose purpose;

    public PoseSampler(long seed, Purpose purpose) {
        this.seed = seed;
        this.purpose = Objects.requireNonNull(purpose, "purpose");
    }

    public long seed() {
        return seed;
    }

    public Purpose purpose() {
        return purpose;
    }

    /** Pose {@code index} of this stream. */
    public Pose pose(long index) {
        return draw(random(index));
    }

    /**
     * A second, independent number for sample {@code index} of this stream (e.g. the seed of its low-dose simulation),
     * so that images and poses can be re-made one by one.
     */
    public long auxiliarySeed(long index) {
        SplittableRandom r = random(index);
        draw(r);
        return r.nextLong();
    }

    /** Uniform in ±18° and ±10 mm, drawn in the order rx, ry, rz, tx, ty, tz. */
    public static Pose draw(SplittableRandom r) {
        double a = ROTATION_RANGE_DEGREES, t = TRANSLATION_RANGE_MM;
        return new Pose(r.nextDouble(-a, a), r.nextDouble(-a, a), r.nextDouble(-a, a), r.nextDouble(-t, t), r.nextDouble(-t, t),
                r.nextDouble(-t, t));
    }

    private SplittableRandom random(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("sample index must be ≥ 0: " + index);
        }
        return new SplittableRandom(mix(mix(seed ^ purpose.salt) + index));
    }

    /** Stafford's variant 13 of the SplitMix64 finaliser: neighbouring inputs give unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
