package org.vertreg.jobs;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which prepared level(s) an X-ray is registered to, and the rule that chose: the level asked for in the job; else the
 * first of the X-ray's texts that names a vertebra ("L3", "T12"); else the configured default; else every prepared level,
 * the best by quality kept.
 */
final class LevelChoice {
    /** A vertebra's name as radiology writes it: C1–C7, T1–T12, L1–L5, S1. */
    private static final Pattern LEVEL_NAME = Pattern.compile("\\b(C[1-7]|T1[0-2]|T[1-9]|L[1-5]|S1)\\b", Pattern.CASE_INSENSITIVE);

    /** A prepared level: its model, and the preparation that named it (and gave its point, if any). */
    record Prepared(ArchiveLookups.PreparedModel model, PreparationRequest request) {
        String name() {
            return request.levelName();
        }
    }

    /** Whether {@code name} is a vertebra's name as radiology writes it. */
    static boolean isVertebra(String name) {
        return LEVEL_NAME.matcher(name).matches();
    }

    record Choice(List<Prepared> levels, String rule) {
    }

    private LevelChoice() {
    }

    /**
     * @param requested the job's level number, 0 for none
     * @param hints     the X-ray's texts by attribute name, in the order they are trusted
     * @throws PermanentJobFailure when the job or the X-ray names a level that is not prepared
     */
    static Choice choose(int requested, Map<String, String> hints, Optional<String> defaultLevel, List<Prepared> prepared) {
        if (requested > 0) {
            List<Prepared> match = prepared.stream().filter(p -> p.model().level() == requested).toList();
            if (match.isEmpty()) {
                throw new PermanentJobFailure("level " + requested + " was asked for, but it is not prepared (prepared: " + names(prepared) + ")");
            }
            return new Choice(match, "asked for in the job");
        }
        for (Map.Entry<String, String> hint : hints.entrySet()) {
            Matcher m = LEVEL_NAME.matcher(hint.getValue());
            if (m.find()) {
                String name = m.group(1).toUpperCase(Locale.ROOT);
                List<Prepared> match = byName(prepared, name);
                if (match.isEmpty()) {
                    throw new PermanentJobFailure("the X-ray's " + hint.getKey() + " names " + name + ", which is not prepared (prepared: "
                            + names(prepared) + ")");
                }
                return new Choice(match, hint.getKey() + " \"" + hint.getValue() + "\"");
            }
        }
        if (defaultLevel.isPresent()) {
            List<Prepared> match = byName(prepared, defaultLevel.get().toUpperCase(Locale.ROOT));
            if (!match.isEmpty()) {
                return new Choice(match, "the configured default level " + defaultLevel.get());
            }
        }
        return new Choice(prepared, prepared.size() == 1 ? "the only prepared level" : "the best by quality of " + prepared.size() + " prepared levels");
    }

    private static List<Prepared> byName(List<Prepared> prepared, String name) {
        return prepared.stream().filter(p -> p.name().equalsIgnoreCase(name)).toList();
    }

    private static String names(List<Prepared> prepared) {
        return prepared.isEmpty() ? "none" : String.join(", ", prepared.stream().map(Prepared::name).toList());
    }
}
