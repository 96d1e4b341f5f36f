package org.vertreg.geometry;

import java.util.Arrays;

/**
 * A proper rigid motion of patient space (LPS, mm): x' = R·x + t, with R a rotation (orthonormal, det = +1).
 *
 * <p>Composition reads in the order things happen: {@code a.then(b)} applies a first, then b, so its matrix is
 * M_b·M_a. Conversions to Euler angles live in {@link Pose} only; this type knows nothing of angles.
 */
public final class RigidTransform {

    /** How far from orthonormal (entry-wise) and from det = +1 an input rotation may be; accepts float round-off. */
    public static final double ORTHONORMAL_TOLERANCE = 1e-6;

    private static final RigidTransform IDENTITY = new RigidTransform(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, Vector3.ZERO);

    private final double[] r; // row-major 3x3
    private final Vector3 t;

    private RigidTransform(double[] rotation, Vector3 translation) {
        this.r = rotation;
        this.t = translation;
    }

    public static RigidTransform identity() {
        return IDENTITY;
    }

    /** A transform from a row-major 3x3 rotation and a translation in mm; refuses anything that is not a rotation. */
    public static RigidTransform of(double[] rotationRowMajor, Vector3 translation) {
        if (rotationRowMajor == null || rotationRowMajor.length != 9) {
            throw new IllegalArgumentException("A rotation needs 9 values (row-major 3x3)");
        }
        if (translation == null) {
            throw new IllegalArgumentException("Translation is missing");
        }
        double[] copy = rotationRowMajor.clone();
        requireRotation(copy);
        return new RigidTransform(copy, translation);
    }

    /** Reads a row-major 4x4 homogeneous matrix; the last row must be (0, 0, 0, 1) and the 3x3 block a rotation. */
    public static RigidTransform fromMatrix4(double[] m) {
        if (m == null || m.length != 16) {
            throw new IllegalArgumentException("A 4x4 matrix needs 16 values (row-major)");
        }
        for (double v : m) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Matrix has a non-finite value: " + Arrays.toString(m));
            }
        }
        if (Math.abs(m[12]) > ORTHONORMAL_TOLERANCE || Math.abs(m[13]) > ORTHONORMAL_TOLERANCE
                || Math.abs(m[14]) > ORTHONORMAL_TOLERANCE || Math.abs(m[15] - 1) > ORTHONORMAL_TOLERANCE) {
            throw new IllegalArgumentException("Last row of a rigid transform must be (0, 0, 0, 1): " + Arrays.toString(m));
        }
        double[] rot = {m[0], m[1], m[2], m[4], m[5], m[6], m[8], m[9], m[10]};
        return of(rot, new Vector3(m[3], m[7], m[11]));
    }

    /** True if the row-major 3x3 matrix is finite, orthonormal and has det = +1 (no reflection), within the tolerance. */
    public static boolean isOrthonormal(double[] rotationRowMajor, double tolerance) {
        if (rotationRowMajor == null || rotationRowMajor.length != 9) {
            return false;
        }
        for (double v : rotationRowMajor) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        double[] a = rotationRowMajor;
        // R·Rᵀ must be the identity.
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = a[3 * i] * a[3 * j] + a[3 * i + 1] * a[3 * j + 1] + a[3 * i + 2] * a[3 * j + 2];
                if (Math.abs(dot - (i == j ? 1 : 0)) > tolerance) {
                    return false;
                }
            }
        }
        return Math.abs(determinant(a) - 1) <= tolerance;
    }

    private static void requireRotation(double[] rot) {
        if (!isOrthonormal(rot, ORTHONORMAL_TOLERANCE)) {
            throw new IllegalArgumentException("Not a rotation (orthonormal with det = +1): " + Arrays.toString(rot));
        }
    }

    private static double determinant(double[] a) {
        return a[0] * (a[4] * a[8] - a[5] * a[7]) - a[1] * (a[3] * a[8] - a[5] * a[6]) + a[2] * (a[3] * a[7] - a[4] * a[6]);
    }

    /** The rotation, row-major 3x3 (a copy). */
    public double[] rotation() {
        return r.clone();
    }

    public double rotation(int row, int column) {
        return r[3 * row + column];
    }

    public Vector3 translation() {
        return t;
    }

    /** Moves a point: R·p + t. */
    public Vector3 apply(Vector3 p) {
        return rotate(p).plus(t);
    }

    /** Turns a direction: R·d (translation does not act on directions). */
    public Vector3 rotate(Vector3 d) {
        return new Vector3(r[0] * d.x() + r[1] * d.y() + r[2] * d.z(),
                r[3] * d.x() + r[4] * d.y() + r[5] * d.z(),
                r[6] * d.x() + r[7] * d.y() + r[8] * d.z());
    }

    /** This transform followed by {@code next}: x ↦ next(this(x)), matrix M_next·M_this. */
    public RigidTransform then(RigidTransform next) {
        double[] a = next.r;
        double[] b = r;
        double[] m = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
            }
        }
        return new RigidTransform(m, next.apply(t));
    }

    /** The inverse motion: x = Rᵀ·(x' − t). */
    public RigidTransform inverse() {
        double[] rt = {r[0], r[3], r[6], r[1], r[4], r[7], r[2], r[5], r[8]};
        RigidTransform rotationOnly = new RigidTransform(rt, Vector3.ZERO);
        return new RigidTransform(rt, rotationOnly.rotate(t).times(-1));
    }

    /** The homogeneous 4x4 matrix, row-major 16 values, last row (0, 0, 0, 1). */
    public double[] toMatrix4() {
        return new double[] {r[0], r[1], r[2], t.x(), r[3], r[4], r[5], t.y(), r[6], r[7], r[8], t.z(), 0, 0, 0, 1};
    }

    /** Angle of the rotation part in degrees, in [0, 180]. */
    public double rotationAngleDegrees() {
        double cos = (r[0] + r[4] + r[8] - 1) / 2;
        // Near 0° acos is ill-conditioned; the antisymmetric part gives sin accurately there.
        double sin = 0.5 * Math.sqrt(sq(r[7] - r[5]) + sq(r[2] - r[6]) + sq(r[3] - r[1]));
        return Math.toDegrees(Math.atan2(sin, cos));
    }

    private static double sq(double v) {
        return v * v;
    }

    /** True if every rotation entry and every translation component (mm) differs by at most the tolerance. */
    public boolean equalsWithin(RigidTransform other, double tolerance) {
        for (int i = 0; i < 9; i++) {
            if (Math.abs(r[i] - other.r[i]) > tolerance) {
                return false;
            }
        }
        return t.maxDifference(other.t) <= tolerance;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RigidTransform other && Arrays.equals(r, other.r) && t.equals(other.t);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(r) + t.hashCode();
    }

    @Override
    public String toString() {
        return "RigidTransform[R=" + Arrays.toString(r) + ", t=" + t + "]";
    }
}
