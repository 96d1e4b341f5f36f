package org.vertreg.model.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link LgffRegConfig} as {@code key=value} pairs. The keys are the record's component names, in their order, so a
 * stored form stays readable; unknown or missing keys are refused rather than defaulted, because a model's weights
 * only fit the exact block they were trained in.
 */
final class LgffRegConfigText {
    private static final List<String> KEYS = List.of("inputSize", "inputReduction", "stemWidth", "localWidths", "embedDims", "heads",
            "blocksPerStage", "mlpRatio", "patchSize", "branches", "fusion", "auxiliaryHeads");

    private LgffRegConfigText() {
    }

    static Map<String, String> toMap(LgffRegConfig c) {
        List<Object> values = List.of(c.inputSize(), c.inputReduction(), c.stemWidth(), joined(c.localWidths()), joined(c.embedDims()),
                joined(c.heads()), c.blocksPerStage(), c.mlpRatio(), c.patchSize(), c.branches(), c.fusion(), c.auxiliaryHeads());
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < KEYS.size(); i++) {
            map.put(KEYS.get(i), String.valueOf(values.get(i)));
        }
        return map;
    }

    static String format(LgffRegConfig c) {
        List<String> pairs = new ArrayList<>();
        toMap(c).forEach((k, v) -> pairs.add(k + "=" + v));
        return String.join(" ", pairs);
    }

    static LgffRegConfig parse(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : text.trim().split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || map.put(pair.substring(0, eq), pair.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("not a key=value pair, or a repeated key: '" + pair + "' in '" + text + "'");
            }
        }
        return fromMap(map);
    }

    static LgffRegConfig fromMap(Map<String, String> m) {
        if (!m.keySet().equals(Set.copyOf(KEYS))) {
            throw new IllegalArgumentException("LGFF-Reg config needs exactly the keys " + KEYS + ", got " + m.keySet());
        }
        try {
            return new LgffRegConfig(integer(m, "inputSize"), integer(m, "inputReduction"), integer(m, "stemWidth"), integers(m, "localWidths"),
                    integers(m, "embedDims"), integers(m, "heads"), integer(m, "blocksPerStage"), integer(m, "mlpRatio"),
                    integer(m, "patchSize"), LgffRegConfig.Branches.valueOf(m.get("branches")),
                    LgffRegConfig.Fusion.valueOf(m.get("fusion")), bool(m.get("auxiliaryHeads")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("LGFF-Reg config has a malformed number: " + m, e);
        }
    }

    private static String joined(List<Integer> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }

    private static int integer(Map<String, String> m, String key) {
        return Integer.parseInt(m.get(key));
    }

    private static List<Integer> integers(Map<String, String> m, String key) {
        List<Integer> values = new ArrayList<>();
        for (String v : m.get(key).split(",", -1)) {
            values.add(Integer.parseInt(v));
        }
        return values;
    }

    private static boolean bool(String v) {
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("auxiliaryHeads must be true or false: " + v);
        }
        return Boolean.parseBoolean(v);
    }
}
