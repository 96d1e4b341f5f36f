package org.vertreg.geometry;

/** A point or direction in patient coordinates (DICOM LPS, mm): x toward the patient's left, y posterior, z superior. */
public record Vector3(double x, double y, double z) {

    public static final Vector3 ZERO = new Vector3(0, 0, 0);
    /** Unit vectors of the patient axes, named by the direction they point to. */
    public static final Vector3 LEFT = new Vector3(1, 0, 0);
    public static final Vector3 POSTERIOR = new Vector3(0, 1, 0);
    public static final Vector3 SUPERIOR = new Vector3(0, 0, 1);

    public Vector3 {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
            throw new IllegalArgumentException("Coordinates must be finite: (" + x + ", " + y + ", " + z + ")");
        }
    }

    public Vector3 plus(Vector3 o) {
        return new Vector3(x + o.x, y + o.y, z + o.z);
    }

    public Vector3 minus(Vector3 o) {
        return new Vector3(x - o.x, y - o.y, z - o.z);
    }

    public Vector3 times(double s) {
        return new Vector3(x * s, y * s, z * s);
    }

    public double dot(Vector3 o) {
        return x * o.x + y * o.y + z * o.z;
    }

    public Vector3 cross(Vector3 o) {
        return new Vector3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
    }

    public double norm() {
        return Math.sqrt(dot(this));
    }

    /** Largest per-axis difference to another vector, for comparisons within a tolerance. */
    public double maxDifference(Vector3 o) {
        return Math.max(Math.abs(x - o.x), Math.max(Math.abs(y - o.y), Math.abs(z - o.z)));
    }
}
