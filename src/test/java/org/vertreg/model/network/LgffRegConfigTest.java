package org.vertreg.model.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vertreg.model.network.LgffRegConfig.Branches;
import org.vertreg.model.network.LgffRegConfig.Fusion;

class LgffRegConfigTest {
    private static final LgffRegConfig PAPER = LgffRegConfig.preset("paper");

    @Test
    void thePaperPresetIsThePublishedShape() {
        assertEquals(128, PAPER.inputSize());
        assertEquals(1, PAPER.inputReduction());
        assertEquals(16, PAPER.stemWidth());
        assertEquals(List.of(32, 64, 128, 256), PAPER.localWidths());
        assertEquals(List.of(32, 64, 128, 256), PAPER.embedDims());
        assertEquals(List.of(1, 2, 4, 8), PAPER.heads());
        assertEquals(2, PAPER.blocksPerStage());
        assertEquals(4, PAPER.mlpRatio());
        assertEquals(2, PAPER.patchSize());
        assertEquals(Branches.BOTH, PAPER.branches());
        assertEquals(Fusion.DBFF, PAPER.fusion());
        assertTrue(PAPER.auxiliaryHeads());
    }

    @Test
    void everyPresetFeedsOnTheNodesImagesAndIsNamedAfterItself() {
        for (String name : List.of("paper", "cpu", "fast")) {
            LgffRegConfig c = LgffRegConfig.preset(name);
            assertEquals(128, c.inputSize(), name);
            assertEquals(name, c.name());
        }
        assertThrows(IllegalArgumentException.class, () -> LgffRegConfig.preset("huge"));
    }

    @Test
    void namesCarryTheAblationSwitches() {
        assertEquals("paper-local-only-concat-no-aux",
                PAPER.withBranches(Branches.LOCAL_ONLY).withFusion(Fusion.CONCAT).withAuxiliaryHeads(false).name());
        assertEquals("fast-global-only", LgffRegConfig.preset("fast").withBranches(Branches.GLOBAL_ONLY).name());
        Map<String, String> wider = PAPER.toMap();
        wider.put("stemWidth", "24");
        assertEquals("custom-no-aux", LgffRegConfig.fromMap(wider).withAuxiliaryHeads(false).name());
    }

    @Test
    void auxiliaryWeightsIncreaseWithDepthAndVanishWithoutTheHeads() {
        assertArrayEquals(new double[] {0.4, 0.6, 0.8}, PAPER.auxiliaryLossWeights());
        assertEquals(4, PAPER.outputCount());
        assertArrayEquals(new double[0], PAPER.withAuxiliaryHeads(false).auxiliaryLossWeights());
        assertEquals(1, PAPER.withAuxiliaryHeads(false).outputCount());
    }

    @Test
    void theTextAndMapFormsGiveBackTheSameConfig() {
        for (String name : List.of("paper", "cpu", "fast")) {
            for (Branches b : Branches.values()) {
                for (Fusion f : Fusion.values()) {
                    for (boolean aux : new boolean[] {true, false}) {
                        LgffRegConfig c = LgffRegConfig.preset(name).withBranches(b).withFusion(f).withAuxiliaryHeads(aux);
                        assertEquals(c, LgffRegConfig.parse(c.toString()));
                        assertEquals(c, LgffRegConfig.fromMap(c.toMap()));
                    }
                }
            }
        }
        assertEquals("inputSize=128 inputReduction=1 stemWidth=16 localWidths=32,64,128,256 embedDims=32,64,128,256 heads=1,2,4,8 "
                + "blocksPerStage=2 mlpRatio=4 patchSize=2 branches=BOTH fusion=DBFF auxiliaryHeads=true", PAPER.toString());
    }

    @Test
    void theTextFormRefusesUnknownMissingOrMalformedKeys() {
        String text = PAPER.toString();
        assertThrows(IllegalArgumentException.class, () -> LgffRegConfig.parse(text + " dropout=0.1"));
        assertThrows(IllegalArgumentException.class, () -> LgffRegConfig.parse(text.replace("mlpRatio=4 ", "")));
        assertThrows(IllegalArgumentException.class, () -> LgffRegConfig.parse(text.replace("mlpRatio=4", "mlpRatio=four")));
        assertThrows(IllegalArgumentException.class, () -> LgffRegConfig.parse(text.replace("auxiliaryHeads=true", "auxiliaryHeads=yes")));
        assertThrows(IllegalArgumentException.class, () -> LgffRegConfig.parse(text.replace("fusion=DBFF", "fusion=SUM")));
        assertThrows(IllegalArgumentException.class, () -> LgffRegConfig.parse(text + " mlpRatio=4"));
        assertThrows(IllegalArgumentException.class, () -> LgffRegConfig.parse(text.replace("heads=1,2,4,8", "heads=1,2,,8")));
    }

    @Test
    void validationRefusesNonsense() {
        assertRefused("heads", "1,3,4,8"); // 3 does not divide 64
        assertRefused("localWidths", "32,-64,128,256");
        assertRefused("embedDims", "32,64,128"); // three stages
        assertRefused("stemWidth", "0");
        assertRefused("blocksPerStage", "0");
        assertRefused("mlpRatio", "-1");
        assertRefused("patchSize", "1");
        assertRefused("patchSize", "3");
        assertRefused("inputReduction", "3");
        assertRefused("inputSize", "100"); // does not halve four times
        assertRefused("inputSize", "0");
        Map<String, String> coarse = PAPER.toMap();
        coarse.put("inputReduction", "4");
        coarse.put("patchSize", "8"); // 32-pixel stem, 8×8 patches: a 4×4 token grid cannot halve three more times
        assertThrows(IllegalArgumentException.class, () -> LgffRegConfig.fromMap(coarse));
        assertThrows(NullPointerException.class, () -> PAPER.withFusion(null));
        assertThrows(UnsupportedOperationException.class, () -> PAPER.localWidths().set(0, 1), "lists are immutable");
    }

    private static void assertRefused(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(PAPER.toMap());
        m.put(key, value);
        assertThrows(IllegalArgumentException.class, () -> LgffRegConfig.fromMap(m), key + "=" + value);
    }
}
