package org.vertreg.archive;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The archive's configuration ({@code vertreg.archive.*}). */
@ConfigMapping(prefix = "vertreg.archive")
public interface ArchiveConfig {

    /** Root folder of stored instances, assembled volumes and the incoming folder (one file system). */
    String root();

    /** A CT series is assembled once no instance of it has arrived for this long. */
    @WithDefault("10s")
    Duration quietPeriod();

    /** How often the assembler looks for quiet series. */
    @WithDefault("2s")
    Duration assemblyInterval();

    /** A gap between slices larger than this multiple of the median spacing means missing slices. */
    @WithDefault("1.5")
    double maxSliceGapRatio();

    /** Largest deviation (mm) of a slice spacing from the median that still counts as even. */
    @WithDefault("0.05")
    double spacingToleranceMm();

    /** Largest difference between direction cosines of slices that still counts as one orientation. */
    @WithDefault("0.001")
    double orientationTolerance();

    /** What a C-STORE is told when an instance with its SOP Instance UID but other content is already stored. */
    @WithDefault("refuse")
    ConflictPolicy conflictingDuplicates();

    enum ConflictPolicy {
        /** Failure 0111 (Duplicate SOP Instance): the sender's queue shows it, and someone must look. */
        REFUSE,
        /** Warning B006 (Elements Discarded): the sender counts it as sent; the node's audit trail has the conflict. */
        WARN
    }
}
