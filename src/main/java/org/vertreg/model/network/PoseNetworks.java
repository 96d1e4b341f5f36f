package org.vertreg.model.network;

import ai.djl.nn.Block;

/** Builds the untrained network that a model's stored configuration text describes, for loading its parameters into. */
public final class PoseNetworks {

    private PoseNetworks() {
    }

    /** The LGFF-Reg network of {@code configText} ({@link LgffRegConfig#toString()}). */
    public static Block fromConfigText(String configText) {
        return LgffRegNetwork.create(LgffRegConfig.parse(configText));
    }
}
