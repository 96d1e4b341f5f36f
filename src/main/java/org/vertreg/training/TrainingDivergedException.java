package org.vertreg.training;

/**
 * A training run that cannot go on: its loss or gradients stayed non-finite over several steps, or a non-finite forward
 * pass left the network's running statistics non-finite. Thrown at once, so that no budget is spent on a run that can
 * no longer learn; the last checkpoint and the best parameters so far stay on disk.
 */
public final class TrainingDivergedException extends RuntimeException {

    public TrainingDivergedException(String message) {
        super(message);
    }
}
