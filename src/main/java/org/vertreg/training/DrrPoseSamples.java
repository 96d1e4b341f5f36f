package org.vertreg.training;

import java.util.Objects;
import org.vertreg.drr.SimulatedXrays;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.PoseSampler;

/**
 * Simulated X-rays of one vertebra at poses drawn by index ({@link PoseSampler}), rendered when asked for: sample
 * {@code i} is the DRR (or its low-dose version, seeded from the same stream) at pose {@code i} of the options' stream.
 * Training, validation and evaluation use the separate streams of {@link PoseSampler.Purpose}, so they never share a
 * pose.
 *
 * <p>With {@link Options#refreshEachEpoch()} epoch {@code e} trains on poses {@code e·count … e·count + count − 1}
 * of the stream: the network never sees a pose twice, yet every sample can still be re-made from its epoch and index.
 *
 * <p>Thread-safe: {@link SimulatedXrays} and {@link PoseSampler} are.
 */
public final class DrrPoseSamples implements PoseSamples {

    /**
     * @param count            samples per epoch
     * @param seed             seed of the pose stream
     * @param purpose          which stream of that seed
     * @param lowDose          degrade every DRR to a simulated low-dose X-ray
     * @param refreshEachEpoch draw fresh poses for every epoch instead of repeating the first {@code count}
     */
    public record Options(int count, long seed, PoseSampler.Purpose purpose, boolean lowDose, boolean refreshEachEpoch) {

        public Options {
            if (count <= 0) {
                throw new IllegalArgumentException("sample count must be positive: " + count);
            }
            Objects.requireNonNull(purpose, "purpose");
        }

        /** {@code count} low-dose samples of the stream, the same every epoch. */
        public static Options of(int count, long seed, PoseSampler.Purpose purpose) {
            return new Options(count, seed, purpose, true, false);
        }

        public Options withLowDose(boolean on) {
            return new Options(count, seed, purpose, on, refreshEachEpoch);
        }

        public Options withRefreshEachEpoch(boolean on) {
            return new Options(count, seed, purpose, lowDose, on);
        }
    }

    private final SimulatedXrays xrays;
    private final Options options;
    private final PoseSampler sampler;
    private final long first;

    public DrrPoseSamples(SimulatedXrays xrays, Options options) {
        this(xrays, options, 0);
    }

    private DrrPoseSamples(SimulatedXrays xrays, Options options, long first) {
        this.xrays = Objects.requireNonNull(xrays, "xrays");
        this.options = Objects.requireNonNull(options, "options");
        this.sampler = new PoseSampler(options.seed(), options.purpose());
        this.first = first;
    }

    public Options options() {
        return options;
    }

    @Override
    public int size() {
        return options.count();
    }

    @Override
    public int columns() {
        return xrays.columns();
    }

    @Override
    public int rows() {
        return xrays.rows();
    }

    /** The pose of sample {@code index}, in degrees and mm. */
    public Pose pose(int index) {
        return sampler.pose(streamIndex(index));
    }

    @Override
    public void fill(int index, float[] image, float[] pose) {
        if (image.length != pixels() || pose.length != 6) {
            throw new IllegalArgumentException("buffers of " + image.length + " pixels and " + pose.length
                    + " pose values do not fit a " + columns() + "x" + rows() + " sample");
        }
        long k = streamIndex(index);
        Pose p = sampler.pose(k);
        float[] grey = options.lowDose() ? xrays.lowDose(p, sampler.auxiliarySeed(k)) : xrays.drr(p);
        System.arraycopy(grey, 0, image, 0, grey.length);
        double[] n = p.normalised();
        for (int i = 0; i < 6; i++) {
            pose[i] = (float) n[i];
        }
    }

    @Override
    public PoseSamples forEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be ≥ 0: " + epoch);
        }
        return options.refreshEachEpoch() ? new DrrPoseSamples(xrays, options, (long) epoch * options.count()) : this;
    }

    private long streamIndex(int index) {
        if (index < 0 || index >= options.count()) {
            throw new IndexOutOfBoundsException("sample " + index + " of " + options.count());
        }
        return first + index;
    }
}
