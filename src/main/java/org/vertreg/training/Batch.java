package org.vertreg.training;

/**
 * Samples stacked for one step: {@code size} images of {@code rows × columns} grey values and their 6 normalised pose
 * values each, both row-major in sample order.
 */
record Batch(int size, int rows, int columns, float[] images, float[] poses) {

    Batch {
        if (size <= 0 || images.length != size * rows * columns || poses.length != size * 6) {
            throw new IllegalArgumentException("a batch of " + size + " does not hold " + images.length + " pixels and " + poses.length
                    + " pose values");
        }
    }

    /** Samples {@code indices} of {@code samples}, filled one after the other. */
    static Batch of(PoseSamples samples, int[] indices) {
        int pixels = samples.pixels();
        float[] images = new float[indices.length * pixels];
        float[] poses = new float[indices.length * 6];
        float[] image = new float[pixels];
        float[] pose = new float[6];
        for (int i = 0; i < indices.length; i++) {
            samples.fill(indices[i], image, pose);
            System.arraycopy(image, 0, images, i * pixels, pixels);
            System.arraycopy(pose, 0, poses, i * 6, 6);
        }
        return new Batch(indices.length, samples.rows(), samples.columns(), images, poses);
    }
}
