package org.vertreg.drr;

import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.RigidTransform;
import org.vertreg.geometry.Vector3;

/**
 * The projection that shows a CT vertebra at a pose, expressed in the CT's own frame so that the CT can be rendered as
 * it is.
 *
 * <p>The pose T (DESIGN.md §1, {@link Pose#toRigidTransform}) moves vertebra points of the CT into the C-arm's world,
 * where the C-arm stands as {@link CarmGeometry} describes it (its isocentre normally the vertebra's centroid). Moving
 * the vertebra by T in front of a fixed C-arm gives the same image as moving the C-arm by T⁻¹ around the fixed CT:
 * source_ct = T⁻¹(source), detector origin_ct = T⁻¹(centre of pixel (0, 0)), u_ct = R⁻¹·column axis,
 * v_ct = R⁻¹·row axis; the pixel pitch and detector size are the C-arm's. A CT point p then lands on the pixel
 * where {@code carm.project(T(p))} puts it.
 */
public final class PoseProjection {

    private PoseProjection() {
    }

    /**
     * @param carm     the C-arm in the reference frame of the pose (isocentre = vertebra centroid at the identity pose)
     * @param centroid the vertebra's centroid in the CT (LPS, mm), the centre of the pose's rotations
     * @param pose     where the vertebra is relative to the C-arm
     */
    public static ProjectionGeometry inCtFrame(CarmGeometry carm, Vector3 centroid, Pose pose) {
        RigidTransform toCt = pose.toRigidTransform(centroid).inverse();
        return new ProjectionGeometry(
                array(toCt.apply(carm.source())),
                array(toCt.apply(carm.pixelPosition(0, 0))),
                array(toCt.rotate(carm.columnAxis())),
                array(toCt.rotate(carm.rowAxis())),
                carm.pixelSpacingMm(), carm.pixelSpacingMm(), carm.columns(), carm.rows());
    }

    /** The C-arm's own geometry, unmoved: the identity pose. */
    public static ProjectionGeometry of(CarmGeometry carm) {
        return new ProjectionGeometry(array(carm.source()), array(carm.pixelPosition(0, 0)), array(carm.columnAxis()),
                array(carm.rowAxis()), carm.pixelSpacingMm(), carm.pixelSpacingMm(), carm.columns(), carm.rows());
    }

    private static double[] array(Vector3 p) {
        return new double[] {p.x(), p.y(), p.z()};
    }
}
