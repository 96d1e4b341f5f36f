package org.vertreg.jobs;

/** A failure another attempt cannot mend (an X-ray of an unknown patient, garbage pixels): the job fails at once. */
public class PermanentJobFailure extends RuntimeException {
    public PermanentJobFailure(String message) {
        super(message);
    }

    public PermanentJobFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
