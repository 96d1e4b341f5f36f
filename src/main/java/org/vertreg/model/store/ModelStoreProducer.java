package org.vertreg.model.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;

/** Makes the node's {@link ModelStore}: the application's data source, the configured root, the node's clock. */
@ApplicationScoped
public class ModelStoreProducer {

    @Produces
    @Singleton
    ModelStore modelStore(DataSource dataSource, ModelConfig config, Clock clock) {
        return new ModelStore(dataSource, Path.of(config.root()), clock);
    }
}
