package org.vertreg.model.network;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The shape of an LGFF-Reg network (DESIGN.md §5): everything {@link LgffRegNetwork#create} needs to build the same
 * block again. Four stages; stage i has a local (CNN) branch of width {@code localWidths[i]} and a global
 * (Transformer) branch of {@code embedDims[i]} with {@code heads[i]} attention heads, fused per stage.
 *
 * <p>Its text form ({@link #toString()}, {@link #parse}) and map form ({@link #toMap()}, {@link #fromMap}) name every
 * field, so a model store can keep it beside the weights and rebuild the exact block.
 *
 * @param inputSize      side of the square grey image the network takes (the node feeds 128)
 * @param inputReduction side reduction by average pooling before the stem (1 = none, 2 = 2×2 pooling)
 * @param stemWidth      channels of the two stem convolutions
 * @param localWidths    channels of the four local stages
 * @param embedDims      token widths of the four global stages
 * @param heads          attention heads per global stage; each must divide its embedding width
 * @param blocksPerStage residual blocks per local stage and Transformer blocks per global stage
 * @param mlpRatio       hidden width of a Transformer block's MLP over its embedding width
 * @param patchSize      stage-1 patch size (2: one token per 2×2 stem pixels, as published); later stages use 2
 * @param branches       which branches exist (the paper's ablations LB, GB)
 * @param fusion         how the branches of a stage are merged
 * @param auxiliaryHeads whether stages 1–3 get their own pose heads (trained with {@link #auxiliaryLossWeights()})
 */
public record LgffRegConfig(int inputSize, int inputReduction, int stemWidth, List<Integer> localWidths, List<Integer> embedDims,
        List<Integer> heads, int blocksPerStage, int mlpRatio, int patchSize, Branches branches, Fusion fusion,
        boolean auxiliaryHeads) {

    /** Stages per branch; the paper found 4 best (its Table 1). */
    public static final int STAGES = 4;

    /** Which branches the network has. */
    public enum Branches { BOTH, LOCAL_ONLY, GLOBAL_ONLY }

    /** How a stage's branch maps are merged: the attention module of the paper, or plain concatenation (ablation). */
    public enum Fusion { DBFF, CONCAT }

    public LgffRegConfig {
        localWidths = stageList("localWidths", localWidths);
        embedDims = stageList("embedDims", embedDims);
        heads = stageList("heads", heads);
        Objects.requireNonNull(branches, "branches");
        Objects.requireNonNull(fusion, "fusion");
        require(inputSize > 0, "inputSize must be positive: " + inputSize);
        require(inputReduction == 1 || inputReduction == 2 || inputReduction == 4, "inputReduction must be 1, 2 or 4: " + inputReduction);
        require(stemWidth > 0, "stemWidth must be positive: " + stemWidth);
        require(blocksPerStage > 0, "blocksPerStage must be positive: " + blocksPerStage);
        require(mlpRatio > 0, "mlpRatio must be positive: " + mlpRatio);
        // Patch sizes below 2 would give more tokens than local-map pixels; the fusion only ever enlarges the token map.
        require(patchSize == 2 || patchSize == 4 || patchSize == 8, "patchSize must be 2, 4 or 8: " + patchSize);
        for (int i = 0; i < STAGES; i++) {
            require(embedDims.get(i) % heads.get(i) == 0,
                    "heads[" + i + "] = " + heads.get(i) + " does not divide embedDims[" + i + "] = " + embedDims.get(i));
        }
        int side = inputSize / inputReduction;
        // the stem side must halve four times (local branch) and give whole token grids (global branch)
        int divisor = Math.max(16, patchSize * 8);
        require(inputSize % inputReduction == 0 && side % divisor == 0,
                "inputSize " + inputSize + " / inputReduction " + inputReduction + " must be a multiple of " + divisor);
    }

    /** A published or tuned shape: {@code "paper"}, {@code "cpu"} or {@code "fast"}. */
    public static LgffRegConfig preset(String name) {
        return LgffRegPresets.byName(name);
    }

    /** The text form of {@link #toString()}. */
    public static LgffRegConfig parse(String text) {
        return LgffRegConfigText.parse(text);
    }

    /** The map form of {@link #toMap()}; every key must be present and known. */
    public static LgffRegConfig fromMap(Map<String, String> values) {
        return LgffRegConfigText.fromMap(values);
    }

    public LgffRegConfig withBranches(Branches b) {
        return new LgffRegConfig(inputSize, inputReduction, stemWidth, localWidths, embedDims, heads, blocksPerStage, mlpRatio,
                patchSize, b, fusion, auxiliaryHeads);
    }

    public LgffRegConfig withFusion(Fusion f) {
        return new LgffRegConfig(inputSize, inputReduction, stemWidth, localWidths, embedDims, heads, blocksPerStage, mlpRatio,
                patchSize, branches, f, auxiliaryHeads);
    }

    public LgffRegConfig withAuxiliaryHeads(boolean on) {
        return new LgffRegConfig(inputSize, inputReduction, stemWidth, localWidths, embedDims, heads, blocksPerStage, mlpRatio,
                patchSize, branches, fusion, on);
    }

    /** λ1..λ3 of loss = L_main + Σ λi·L_aux_i: increasing with depth, as the paper found best; empty without aux heads. */
    public double[] auxiliaryLossWeights() {
        return auxiliaryHeads ? new double[] {0.4, 0.6, 0.8} : new double[0];
    }

    /** Outputs of the network: the main head, then one per auxiliary head. */
    public int outputCount() {
        return 1 + auxiliaryLossWeights().length;
    }

    public boolean hasLocalBranch() {
        return branches != Branches.GLOBAL_ONLY;
    }

    public boolean hasGlobalBranch() {
        return branches != Branches.LOCAL_ONLY;
    }

    /**
     * A short name: the preset the architecture comes from ({@code custom} if none), then the ablation switches that
     * differ from the full model, e.g. {@code paper}, {@code cpu-local-only-concat-no-aux}.
     */
    public String name() {
        StringBuilder name = new StringBuilder(LgffRegPresets.nameOfArchitecture(this));
        if (branches != Branches.BOTH) {
            name.append(branches == Branches.LOCAL_ONLY ? "-local-only" : "-global-only");
        }
        if (fusion == Fusion.CONCAT) {
            name.append("-concat");
        }
        if (!auxiliaryHeads) {
            name.append("-no-aux");
        }
        return name.toString();
    }

    /**
     * The variant a {@link #name()} names: {@code preset[-local-only|-global-only][-concat][-no-aux]}.
     *
     * @throws IllegalArgumentException for any other text
     */
    public static LgffRegConfig ofName(String name) {
        LgffRegConfig c = preset(name.split("-")[0]);
        if (name.contains("-local-only")) {
            c = c.withBranches(Branches.LOCAL_ONLY);
        }
        if (name.contains("-global-only")) {
            c = c.withBranches(Branches.GLOBAL_ONLY);
        }
        if (name.contains("-concat")) {
            c = c.withFusion(Fusion.CONCAT);
        }
        c = c.withAuxiliaryHeads(!name.contains("-no-aux"));
        if (!c.name().equals(name)) {
            throw new IllegalArgumentException(name + " is not a variant name; it reads as " + c.name());
        }
        return c;
    }

    /** Every field as {@code key=value}, in a fixed order; values of lists are comma-separated. */
    public Map<String, String> toMap() {
        return LgffRegConfigText.toMap(this);
    }

    /** {@code key=value} pairs separated by single spaces, in a fixed order; {@link #parse} reads it back. */
    @Override
    public String toString() {
        return LgffRegConfigText.format(this);
    }

    private static List<Integer> stageList(String field, List<Integer> values) {
        Objects.requireNonNull(values, field);
        require(values.size() == STAGES, field + " needs " + STAGES + " values: " + values);
        for (Integer v : values) {
            require(v != null && v > 0, field + " must be positive: " + values);
        }
        return List.copyOf(values);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
