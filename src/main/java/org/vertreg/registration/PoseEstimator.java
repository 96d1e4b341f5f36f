package org.vertreg.registration;

import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Pose;

/**
 * Estimates the pose of a vertebra from one X-ray: the step under test in an evaluation (a network, a network
 * followed by refinement, an optimiser, ...).
 */
@FunctionalInterface
public interface PoseEstimator {

    /**
     * @param grey the X-ray around the vertebra as the model sees it: {@code carm.rows() × carm.columns()} grey values
     *             0–255, row-major (128×128 with the default C-arm); the caller keeps ownership, do not modify it
     * @param carm the C-arm the X-ray was taken with, at the identity pose (its isocentre the vertebra's centroid)
     * @return the estimated pose of the vertebra relative to that C-arm
     */
    Pose estimate(float[] grey, CarmGeometry carm);
}
