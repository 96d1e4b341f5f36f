package org.vertreg.training;


/** The error of a regressor that learned nothing: it always answers the mean pose of its training samples. */
public final class MeanPoseBaseline {

    private MeanPoseBaseline() {
    }

    /** MAE on {@code validation} of always answering the mean normalised pose of {@code training}. */
    public static double mae(PoseSamples training, PoseSamples validation) {
        double[] mean = new double[6];
        float[] image = new float[training.pixels()], pose = new float[6];
        for (int i = 0; i < training.size(); i++) {
            training.fill(i, image, pose);
            for (int k = 0; k < 6; k++) {
                mean[k] += pose[k] / training.size();
            }
        }
        double sum = 0;
        for (int i = 0; i < validation.size(); i++) {
            validation.fill(i, image, pose);
            for (int k = 0; k < 6; k++) {
                sum += Math.abs(pose[k] - mean[k]);
            }
        }
        return sum / (6.0 * validation.size());
    }
}
