package org.vertreg.model.store;

import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Vector3;

/**
 * The C-arm a model was trained for: its images only mean a pose under this geometry. The isocentre is left out; it
 * is the vertebra's centroid of each case.
 */
public record DetectorGeometry(double sourceToDetectorMm, double sourceToIsocentreMm, double pixelSpacingMm, int columns,
        int rows) {

    public DetectorGeometry {
        // CarmGeometry's constructor holds the rules; build one once to apply them.
        new CarmGeometry(sourceToDetectorMm, sourceToIsocentreMm, columns, rows, pixelSpacingMm, Vector3.ZERO, 0, 0);
    }

    public static DetectorGeometry of(CarmGeometry carm) {
        return new DetectorGeometry(carm.sourceToDetectorMm(), carm.sourceToIsocentreMm(), carm.pixelSpacingMm(), carm.columns(),
                carm.rows());
    }

    /** The reference view of this C-arm about {@code isocentre}. */
    public CarmGeometry carm(Vector3 isocentre) {
        return new CarmGeometry(sourceToDetectorMm, sourceToIsocentreMm, columns, rows, pixelSpacingMm, isocentre, 0, 0);
    }
}
