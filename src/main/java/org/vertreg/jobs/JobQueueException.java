package org.vertreg.jobs;

/** The queue's database could not be reached or refused a statement. */
public final class JobQueueException extends RuntimeException {
    public JobQueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
