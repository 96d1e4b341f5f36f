package org.vertreg.registration;

import java.util.Locale;

/**
 * How alike an X-ray and a DRR are, higher is more alike: what intensity-based refinement maximises. The X-ray is
 * prepared once ({@link #against}), then many DRRs are scored against it.
 */
public interface Similarity {

    /** The name used on the command line and in tables ({@code gc}, {@code ngi}, ...). */
    String name();

    /** A scorer of DRRs against {@code xray} ({@code columns × rows} grey values, row-major). */
    Scorer against(float[] xray, int columns, int rows);

    @FunctionalInterface
    interface Scorer {
        /** The similarity of {@code drr} (same size as the X-ray) to the X-ray. */
        double score(float[] drr);
    }

    /**
     * What the coarse, half-resolution level of a refinement maximises in this similarity's place: itself unless a
     * similarity is tuned to the full detector's pixels.
     */
    default Similarity coarseLevel() {
        return this;
    }

    /** By name: gc, ngi, go, patch-gc or robust. */
    static Similarity named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "gc" -> new GradientCorrelation();
            case "ngi" -> new NormalisedGradientInformation();
            case "go" -> new GradientOrientation();
            case "patch-gc" -> new PatchGradientCorrelation();
            case "robust" -> new RobustIntensityMatch();
            default -> throw new IllegalArgumentException("unknown similarity '" + name + "'; known: gc, ngi, go, patch-gc, robust");
        };
    }
}
