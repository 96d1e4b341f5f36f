package org.vertreg.jobs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The job queue, its workers and the node's jobs ({@code vertreg.jobs.*}). */
@ConfigMapping(prefix = "vertreg.jobs")
public interface JobsConfig {

    /** Whether this node runs workers (a node may only queue, for workers elsewhere). */
    @WithDefault("true")
    boolean workers();

    /** Registrations (and output sends) run at once. */
    @WithDefault("1")
    int registrationWorkers();

    /** Preparations (trainings) run at once; apart from registrations, so a training never delays an X-ray. */
    @WithDefault("1")
    int preparationWorkers();

    /** How long a worker holds a job without a heartbeat before another may take it over. */
    @WithDefault("60s")
    Duration lease();

    /** How often a running job's lease is renewed. */
    @WithDefault("10s")
    Duration heartbeat();

    /** How often idle workers look for jobs when no notification came. */
    @WithDefault("2s")
    Duration pollInterval();

    /** Attempts of a job before it ends failed. */
    @WithDefault("3")
    int maxAttempts();

    /** Wait after the first failed attempt; it doubles with each, up to {@link #backoffMax()}. */
    @WithDefault("5s")
    Duration backoffFirst();

    @WithDefault("10m")
    Duration backoffMax();

    Preparation preparation();

    Registration registration();

    Outputs outputs();

    interface Preparation {
        /** Network preset of the patient-specific models. */
        @WithDefault("fast")
        String preset();

        /** Training time per vertebra. */
        @WithDefault("5m")
        Duration budget();

        /** What the training images show: whole-ct (as a C-arm's X-ray does) or vertebra-alone (the paper's protocol). */
        @WithDefault("whole-ct")
        String anatomy();

        /** Training images per epoch. */
        @WithDefault("9000")
        int samples();

        /** Epochs at most (the budget may stop it sooner); empty: as many as the budget allows. */
        Optional<Integer> epochs();

        /** Validation images, whose mTRE the model store records. */
        @WithDefault("1000")
        int validationSamples();

        /** Levels (segment labels, e.g. L3) prepared when a segmentation arrives; empty prepares every labelled level. */
        Optional<List<String>> levels();
    }

    interface Registration {
        /** How long an X-ray waits for its patient's model before its job fails. */
        @WithDefault("30m")
        Duration waitForModel();

        /** The level registered when the X-ray names none; empty tries every prepared level and keeps the best. */
        Optional<String> defaultLevel();

        /** One more attribute ("gggg,eeee") that may name the level, after the standard ones. */
        Optional<String> levelAttribute();

        /** What refinement maximises. */
        @WithDefault("robust")
        String similarity();

        /**
         * Memory (MiB) for the CT volumes and vertebrae registrations keep for the patient's next X-ray (a 512×512×300 CT
         * takes 300 MiB, and 3.7 s to read with its labels and crop); 0 reads them for every X-ray.
         */
        @WithDefault("2048")
        int targetCacheMb();
    }

    interface Outputs {
        /** Where outputs go: an AE title of {@link #peers()}; empty sends them back to the AE that sent the X-ray. */
        Optional<String> destination();

        /** Addresses of the AEs the node sends to, each {@code AE=host:port}. */
        Optional<List<String>> peers();

        /** Attempts to send before the send job fails (it can be retried by hand; the outputs stay stored). */
        @WithDefault("10")
        int sendAttempts();
    }
}
