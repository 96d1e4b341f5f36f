package org.vertreg.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/** The main head's normalised poses for every sample, in inference mode: what a validation scores in mm afterwards. */
public final class SamplePredictions {

    private SamplePredictions() {
    }

    /** Row {@code i} holds the 6 normalised parameters predicted for sample {@code i}. */
    public static double[][] of(Block block, PoseSamples samples, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        }
        double[][] out = new double[samples.size()][];
        float[] pose = new float[6];
        try (NDManager manager = NDManager.newBaseManager()) {
            ParameterStore parameters = new ParameterStore(manager, false);
            for (int start = 0; start < samples.size(); start += batchSize) {
                int n = Math.min(batchSize, samples.size() - start);
                float[] images = new float[n * samples.pixels()];
                float[] image = new float[samples.pixels()];
                for (int i = 0; i < n; i++) {
                    samples.fill(start + i, image, pose);
                    System.arraycopy(image, 0, images, i * image.length, image.length);
                }
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = scope.create(images, new Shape(n, 1, samples.rows(), samples.columns()));
                    NDList result = block.forward(parameters, new NDList(x), false);
                    float[] main = result.get(0).toFloatArray();
                    for (int i = 0; i < n; i++) {
                        double[] p = new double[6];
                        for (int k = 0; k < 6; k++) {
                            p[k] = main[i * 6 + k];
                        }
                        out[start + i] = p;
                    }
                }
            }
        }
        return out;
    }
}
