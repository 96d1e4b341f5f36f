package org.vertreg.training;

import org.vertreg.drr.SimulatedXrays;
import org.vertreg.geometry.PoseSampler;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.SpinePhantom;
import org.vertreg.imaging.VertebraCrop;

/** Simulated X-rays of the synthetic phantom's middle vertebra alone, made once per test JVM. */
public final class PhantomXrays {
    private static SimulatedXrays xrays;

    private PhantomXrays() {
    }

    public static synchronized SimulatedXrays get() {
        if (xrays == null) {
            SpinePhantom phantom = SpinePhantom.create();
            CroppedVertebra crop = VertebraCrop.byLabel(phantom.volume(), phantom.labels(), SpinePhantom.MIDDLE_LABEL);
            xrays = SimulatedXrays.around(crop.vertebraAlone(), crop.centroid());
        }
        return xrays;
    }

    /** {@code count} samples of the phantom from stream {@code purpose} of {@code seed}. */
    public static DrrPoseSamples samples(int count, long seed, PoseSampler.Purpose purpose, boolean lowDose) {
        return new DrrPoseSamples(get(), DrrPoseSamples.Options.of(count, seed, purpose).withLowDose(lowDose));
    }
}
