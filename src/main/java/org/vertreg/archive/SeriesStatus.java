package org.vertreg.archive;

/**
 * A series' state. Kept in agreement with the CHECK constraint {@code series_status} in
 * db/migration and the README's state diagram.
 * <pre>
 *   RECEIVING --quiet period, consistent CT--> READY
 *   RECEIVING --quiet period, inconsistent--> UNUSABLE (reason recorded)
 *   READY/UNUSABLE --new instance arrives--> RECEIVING
 *   STORED: kept and indexed, nothing to assemble (X-ray, segmentation, registration, capture)
 * </pre>
 */
public enum SeriesStatus {
    RECEIVING, READY, UNUSABLE, STORED
}
