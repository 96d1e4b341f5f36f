package org.vertreg.drr;

import java.util.Objects;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.Vector3;
import org.vertreg.imaging.ProjectedAnatomy;
import org.vertreg.imaging.Volume;

/**
 * The images the network sees for one vertebra: its DRR at a pose, mapped to grey values 0–255
 * ({@link GreyMapping}, by default {@link DrrImageMapping}), optionally degraded to a low-dose X-ray ({@link LowDoseSimulator}). Training, validation and
 * evaluation all make their images here, so they cannot drift apart.
 *
 * <p>Thread-safe: the attenuation volume is read-only and each call allocates its own image.
 */
public final class SimulatedXrays {
    private final AttenuationVolume mu;
    private final Vector3 centroid;
    private final CarmGeometry carm;
    private final DrrRenderer renderer;
    private final GreyMapping mapping;

    /**
     * @param volume   what is projected (normally the vertebra alone, see {@code CroppedVertebra.vertebraAlone})
     * @param centroid the vertebra's centroid (LPS, mm): the centre of the pose's rotations
     * @param carm     the C-arm at the identity pose, its isocentre normally the centroid
     * @param renderer how the line integrals are computed
     */
    public SimulatedXrays(Volume volume, Vector3 centroid, CarmGeometry carm, DrrRenderer renderer) {
        this(AttenuationVolume.of(volume), centroid, carm, renderer);
    }

    public SimulatedXrays(AttenuationVolume mu, Vector3 centroid, CarmGeometry carm, DrrRenderer renderer) {
        this(mu, centroid, carm, renderer, GreyMapping.EXPONENTIAL);
    }

    private SimulatedXrays(AttenuationVolume mu, Vector3 centroid, CarmGeometry carm, DrrRenderer renderer, GreyMapping mapping) {
        this.mu = Objects.requireNonNull(mu, "mu");
        this.centroid = Objects.requireNonNull(centroid, "centroid");
        this.carm = Objects.requireNonNull(carm, "carm");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.mapping = Objects.requireNonNull(mapping, "mapping");
    }

    /**
     * X-rays of {@code projected}, what {@code anatomy} shows of the vertebra ({@link ProjectedAnatomy#select}), on
     * {@code carm}: the vertebra alone through the exponential mapping (the method's images), the whole CT through a
     * window taken from its reference view.
     */
    public static SimulatedXrays of(ProjectedAnatomy anatomy, Volume projected, Vector3 centroid, CarmGeometry carm) {
        SimulatedXrays xrays = new SimulatedXrays(projected, centroid, carm, new DrrRenderer());
        return anatomy == ProjectedAnatomy.WHOLE_CT ? xrays.withMapping(GreyMapping.windowFor(xrays.lineIntegrals(Pose.identity())))
                : xrays;
    }

    /** The same X-rays through another grey mapping. */
    public SimulatedXrays withMapping(GreyMapping m) {
        return new SimulatedXrays(mu, centroid, carm, renderer, m);
    }

    public GreyMapping mapping() {
        return mapping;
    }

    /** The C-arm at the identity pose with the default geometry and this isocentre, rendered with the default renderer. */
    public static SimulatedXrays around(Volume volume, Vector3 centroid) {
        return new SimulatedXrays(volume, centroid, CarmGeometry.defaults(centroid), new DrrRenderer());
    }

    /**
     * The same X-rays on a detector of {@code columns × rows} pixels over the same field of view: coarser for the first
     * levels of a coarse-to-fine search, where a DRR costs in proportion to its pixels.
     */
    public SimulatedXrays onDetector(int columns, int rows) {
        if (columns * carm.rows() != rows * carm.columns()) {
            throw new IllegalArgumentException(columns + "x" + rows + " does not keep the detector's aspect " + carm.columns() + "x"
                    + carm.rows());
        }
        CarmGeometry resized = new CarmGeometry(carm.sourceToDetectorMm(), carm.sourceToIsocentreMm(), columns, rows,
                carm.pixelSpacingMm() * carm.columns() / columns, carm.isocentre(), carm.primaryAngleDegrees(),
                carm.secondaryAngleDegrees());
        return new SimulatedXrays(mu, centroid, resized, renderer, mapping);
    }

    public CarmGeometry carm() {
        return carm;
    }

    public Vector3 centroid() {
        return centroid;
    }

    public int columns() {
        return carm.columns();
    }

    public int rows() {
        return carm.rows();
    }

    /** Grey DRR (0–255, row-major) of the vertebra at {@code pose}. */
    public float[] drr(Pose pose) {
        return mapping.toGrey(lineIntegrals(pose));
    }

    /** The DRR at {@code pose} degraded by the low-dose simulation drawn from {@code lowDoseSeed}. */
    public float[] lowDose(Pose pose, long lowDoseSeed) {
        return LowDoseSimulator.simulate(drr(pose), carm.columns(), carm.rows(), lowDoseSeed);
    }

    /** Raw line integrals (μ·mm) at {@code pose}, before the grey mapping. */
    public float[] lineIntegrals(Pose pose) {
        return renderer.render(mu, PoseProjection.inCtFrame(carm, centroid, pose));
    }
}
