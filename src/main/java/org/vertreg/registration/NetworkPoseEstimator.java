package org.vertreg.registration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Pose;
import org.vertreg.model.network.PoseNetworks;
import org.vertreg.model.prediction.PosePredictor;
import org.vertreg.model.store.DetectorGeometry;

/**
 * The network alone: the pose its main head regresses from the X-ray, without refinement. It refuses an X-ray taken with
 * another C-arm geometry than the model was trained for, since its output would then mean another pose.
 */
public final class NetworkPoseEstimator implements PoseEstimator, AutoCloseable {
    private final PosePredictor predictor;

    public NetworkPoseEstimator(PosePredictor predictor) {
        this.predictor = Objects.requireNonNull(predictor, "predictor");
    }

    /** The LGFF-Reg model in {@code modelDirectory} ({@code model.params}, {@code metadata.json}). */
    public static NetworkPoseEstimator load(Path modelDirectory) throws IOException {
        return new NetworkPoseEstimator(PosePredictor.load(modelDirectory, modelDirectory.getFileName().toString(),
                PoseNetworks::fromConfigText, 1));
    }

    @Override
    public Pose estimate(float[] grey, CarmGeometry carm) {
        DetectorGeometry trained = predictor.geometry(), given = DetectorGeometry.of(carm);
        if (!trained.equals(given)) {
            throw new IllegalArgumentException("the model was trained for " + trained + ", the X-ray has " + given);
        }
        return Pose.fromNormalised(predictor.predictNormalised(grey));
    }

    @Override
    public void close() {
        predictor.close();
    }
}
