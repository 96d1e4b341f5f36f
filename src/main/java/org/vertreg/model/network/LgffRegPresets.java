package org.vertreg.model.network;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vertreg.model.network.LgffRegConfig.Branches;
import org.vertreg.model.network.LgffRegConfig.Fusion;

/** The named shapes of {@link LgffRegConfig#preset}; measurements behind the choices are in the README. */
final class LgffRegPresets {

    /** As published: 64² stage-1 tokens, ≈3.5 M parameters; attention over 4096 tokens dominates its CPU cost. */
    static final LgffRegConfig PAPER = new LgffRegConfig(128, 1, 16, List.of(32, 64, 128, 256), List.of(32, 64, 128, 256),
            List.of(1, 2, 4, 8), 2, 4, 2, Branches.BOTH, Fusion.DBFF, true);

    /**
     * The published widths and heads on {@link #FAST}'s 2×2-pooled input, one block per stage, MLP ratio 2, 16² stage-1
     * tokens: about twice fast's cost per sample (how it compares at a CPU budget: bench/README.md, "Presets per
     * CPU-hour").
     */
    static final LgffRegConfig CPU = new LgffRegConfig(128, 2, 16, List.of(32, 64, 128, 256), List.of(32, 64, 128, 256),
            List.of(1, 2, 4, 8), 1, 2, 4, Branches.BOTH, Fusion.DBFF, true);

    /**
     * Half width on a 2×2-pooled input, one block per stage, stage-1 patches of 4 (16² tokens): trains on a phantom in
     * seconds, for tests and the demo.
     */
    static final LgffRegConfig FAST = new LgffRegConfig(128, 2, 8, List.of(16, 32, 64, 128), List.of(16, 32, 64, 128),
            List.of(1, 1, 2, 4), 1, 2, 4, Branches.BOTH, Fusion.DBFF, true);

    private static final Map<String, LgffRegConfig> BY_NAME = byName();

    private LgffRegPresets() {
    }

    static LgffRegConfig byName(String name) {
        LgffRegConfig config = BY_NAME.get(name);
        if (config == null) {
            throw new IllegalArgumentException("unknown preset '" + name + "'; known: " + String.join(", ", BY_NAME.keySet()));
        }
        return config;
    }

    /** The preset whose widths and depths {@code config} has, whatever its ablation switches; {@code custom} if none. */
    static String nameOfArchitecture(LgffRegConfig config) {
        for (Map.Entry<String, LgffRegConfig> preset : BY_NAME.entrySet()) {
            LgffRegConfig switched = preset.getValue().withBranches(config.branches()).withFusion(config.fusion())
                    .withAuxiliaryHeads(config.auxiliaryHeads());
            if (switched.equals(config)) {
                return preset.getKey();
            }
        }
        return "custom";
    }

    private static Map<String, LgffRegConfig> byName() {
        Map<String, LgffRegConfig> m = new LinkedHashMap<>();
        m.put("paper", PAPER);
        m.put("cpu", CPU);
        m.put("fast", FAST);
        return m;
    }
}
