package org.vertreg.model.prediction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.vertreg.model.network.PoseNetworks;
import org.vertreg.model.store.ModelConfig;
import org.vertreg.model.store.ModelStore;

/**
 * The node's {@link WarmModels}: LGFF-Reg networks from the store, as many kept loaded as {@code vertreg.model.warm-models}
 * says, each serving {@code vertreg.model.predictors-per-model} predictions at once; unloaded when the node stops.
 */
@ApplicationScoped
public class WarmModelsProducer {

    @Produces
    @Singleton
    WarmModels warmModels(ModelStore store, ModelConfig config) {
        return new WarmModels(store, PoseNetworks::fromConfigText, config.warmModels(), config.predictorsPerModel());
    }

    void close(@Disposes WarmModels models) {
        models.close();
    }
}
