package org.vertreg.jobs;

/** The node's kinds of job, as stored in {@code job.kind}. */
public final class JobKinds {
    /** Train the pose model of one vertebra of a CT series (payload {@link PreparationRequest}). */
    public static final String PREPARATION = "prepare-vertebra";
    /** Register one X-ray (payload {@link RegistrationRequest}). */
    public static final String REGISTRATION = "register-xray";
    /** Send a registration's outputs to their destination (payload {@link SendRequest}). */
    public static final String SEND = "send-outputs";

    private JobKinds() {
    }
}
