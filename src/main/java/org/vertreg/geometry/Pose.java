package org.vertreg.geometry;

/**
 * The pose of a vertebra, DESIGN.md §1: rotations rx, ry, rz in degrees about the patient axes x (L), y (P), z (S)
 * through the vertebra's centroid, composed R = Rz·Ry·Rx (so rx acts first), and a translation tx, ty, tz in mm
 * along the same axes. It maps a CT point x of the vertebra into the C-arm's world: x' = R·(x − c) + c + t, so the
 * centroid c moves by exactly t. The identity pose is the reference view.
 *
 * <p>This is the only place where Euler angles are turned into matrices and back.
 */
public record Pose(double rx, double ry, double rz, double tx, double ty, double tz) {

    /** Scale of the normalised parameters the network and the MAE use: rotations / 18°, translations / 10 mm. */
    public static final double ROTATION_SCALE_DEGREES = 18.0;
    public static final double TRANSLATION_SCALE_MM = 10.0;

    /**
     * Below this cos(ry) the rotation is treated as gimbal-locked (|ry| within ~6·10⁻⁸° of 90°): rx and rz then turn
     * about the same axis, so rz is set to 0 and rx carries the whole turn.
     */
    public static final double GIMBAL_LOCK_COS = 1e-9;

    private static final Pose IDENTITY = new Pose(0, 0, 0, 0, 0, 0);

    public Pose {
        double[] all = {rx, ry, rz, tx, ty, tz};
        for (double v : all) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Pose parameters must be finite: " + java.util.Arrays.toString(all));
            }
        }
    }

    public static Pose identity() {
        return IDENTITY;
    }

    /** The rotation R = Rz·Ry·Rx as a rigid transform without translation (a turn about the origin). */
    public RigidTransform rotation() {
        double a = Math.toRadians(rx);
        double b = Math.toRadians(ry);
        double g = Math.toRadians(rz);
        double ca = Math.cos(a), sa = Math.sin(a), cb = Math.cos(b), sb = Math.sin(b), cg = Math.cos(g), sg = Math.sin(g);
        double[] m = {
            cg * cb, cg * sb * sa - sg * ca, cg * sb * ca + sg * sa,
            sg * cb, sg * sb * sa + cg * ca, sg * sb * ca - cg * sa,
            -sb, cb * sa, cb * ca};
        return RigidTransform.of(m, Vector3.ZERO);
    }

    /** The motion x ↦ R·(x − c) + c + t for a vertebra whose centroid is c (LPS, mm). */
    public RigidTransform toRigidTransform(Vector3 centroid) {
        RigidTransform turn = rotation();
        Vector3 translation = centroid.plus(translation()).minus(turn.rotate(centroid));
        return RigidTransform.of(turn.rotation(), translation);
    }

    /**
     * The pose that produces a rigid transform for a vertebra whose centroid is c. Angles come back with rx, rz in
     * [−180°, 180°] and ry in [−90°, 90°]; near gimbal lock (see {@link #GIMBAL_LOCK_COS}) rz is 0.
     */
    public static Pose fromRigidTransform(RigidTransform transform, Vector3 centroid) {
        double r00 = transform.rotation(0, 0), r01 = transform.rotation(0, 1), r02 = transform.rotation(0, 2);
        double r10 = transform.rotation(1, 0), r11 = transform.rotation(1, 1), r12 = transform.rotation(1, 2);
        double r20 = transform.rotation(2, 0), r21 = transform.rotation(2, 1), r22 = transform.rotation(2, 2);
        double cosB = Math.hypot(r00, r10);
        double b = Math.atan2(-r20, cosB);
        double a;
        double g;
        if (cosB < GIMBAL_LOCK_COS) {
            // With rz = 0 the middle row is (0, cos rx, −sin rx) whatever ry is.
            g = 0;
            a = Math.atan2(-r12, r11);
        } else {
            a = Math.atan2(r21, r22);
            // Take rz from R·Rx(a)ᵀ = Rz·Ry, whose middle column is (−sin rz, cos rz, 0): stays consistent with a.
            double ca = Math.cos(a), sa = Math.sin(a);
            double m01 = r01 * ca - r02 * sa;
            double m11 = r11 * ca - r12 * sa;
            g = Math.atan2(-m01, m11);
        }
        Vector3 rc = transform.rotate(centroid);
        Vector3 t = transform.translation().plus(rc).minus(centroid);
        return new Pose(Math.toDegrees(a), Math.toDegrees(b), Math.toDegrees(g), t.x(), t.y(), t.z());
    }

    public Vector3 translation() {
        return new Vector3(tx, ty, tz);
    }

    /** (rx, ry, rz) / 18° and (tx, ty, tz) / 10 mm, in that order. */
    public double[] normalised() {
        return new double[] {
            rx / ROTATION_SCALE_DEGREES, ry / ROTATION_SCALE_DEGREES, rz / ROTATION_SCALE_DEGREES,
            tx / TRANSLATION_SCALE_MM, ty / TRANSLATION_SCALE_MM, tz / TRANSLATION_SCALE_MM};
    }

    /** The inverse of {@link #normalised()}. */
    public static Pose fromNormalised(double[] p) {
        if (p == null || p.length != 6) {
            throw new IllegalArgumentException("A normalised pose has 6 values");
        }
        return new Pose(p[0] * ROTATION_SCALE_DEGREES, p[1] * ROTATION_SCALE_DEGREES, p[2] * ROTATION_SCALE_DEGREES,
                p[3] * TRANSLATION_SCALE_MM, p[4] * TRANSLATION_SCALE_MM, p[5] * TRANSLATION_SCALE_MM);
    }

    /** How far {@code other} is from this pose, in degrees and mm. */
    public PoseError errorTo(Pose other) {
        double angle = rotation().inverse().then(other.rotation()).rotationAngleDegrees();
        return new PoseError(
                angleDifference(rx, other.rx), angleDifference(ry, other.ry), angleDifference(rz, other.rz),
                Math.abs(tx - other.tx), Math.abs(ty - other.ty), Math.abs(tz - other.tz),
                angle, translation().minus(other.translation()).norm());
    }

    /** |a − b| taken around the circle, in [0, 180], so 179° and −179° are 2° apart. */
    static double angleDifference(double a, double b) {
        double d = Math.abs(Math.IEEEremainder(a - b, 360.0));
        return Math.min(d, 180.0);
    }
}
