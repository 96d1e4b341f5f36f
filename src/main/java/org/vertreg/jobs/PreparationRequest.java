package org.vertreg.jobs;

import java.util.Objects;

/**
 * A vertebra to prepare: its CT series and level, and either its label in the series' segmentation or a point on it.
 *
 * @param seriesInstanceUid the CT series
 * @param level             the level's number (the segmentation's label, or the planner's choice with a point)
 * @param levelName         what people call it ("L3")
 * @param point             an LPS point (mm) on the vertebra when there is no label: the region around it is used as it
 *                          is; null to use the label
 * @param requestedBy       who asked (a user, or "segmentation" when a linked segmentation named the level)
 */
public record PreparationRequest(String seriesInstanceUid, int level, String levelName, double[] point, String requestedBy) {
    public PreparationRequest {
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(levelName, "levelName");
        if (level < 1) {
            throw new IllegalArgumentException("a level is a positive number: " + level);
        }
        if (point != null && (point.length != 3 || !Double.isFinite(point[0] + point[1] + point[2]))) {
            throw new IllegalArgumentException("a point is three finite LPS coordinates (mm)");
        }
    }

    /** One preparation per series and level at a time. */
    public String uniqueKey() {
        return seriesInstanceUid + "/" + level;
    }
}
