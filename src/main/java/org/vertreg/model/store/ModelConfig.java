package org.vertreg.model.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where trained models are kept and how many stay loaded ({@code vertreg.model.*}). */
@ConfigMapping(prefix = "vertreg.model")
public interface ModelConfig {

    /** Root of the model files; models go under {@code <root>/models/}. The archive root unless set. */
    String root();

    /** Models kept loaded for prediction at most; the least recently used is unloaded first. */
    @WithDefault("4")
    int warmModels();

    /** Predictions one model may serve at once (one DJL predictor each). */
    @WithDefault("2")
    int predictorsPerModel();
}
