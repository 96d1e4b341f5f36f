package org.vertreg.model.store;

/**
 * A stored pose model's state. Kept in agreement with the CHECK constraint {@code pose_model_status} in
 * db/migration/V2__models.sql and the README's diagram; every change of state is conditional on the state expected.
 * <pre>
 *   TRAINING --files written, metrics known--> READY
 *   TRAINING --training gave up (reason recorded)--> FAILED
 * </pre>
 */
public enum ModelStatus {
    TRAINING, READY, FAILED
}
