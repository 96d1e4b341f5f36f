package org.vertreg.dicom;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Which calling AE titles may associate: any, or those configured. */
record CallerPolicy(Set<String> allowed) {

    static CallerPolicy of(List<String> configured) {
        Set<String> titles = configured.stream().map(String::strip).filter(t -> !t.isEmpty())
                .map(t -> new AeTitle(t).value()).collect(Collectors.toUnmodifiableSet());
        return new CallerPolicy(titles);
    }

    boolean admits(String callingAeTitle) {
        return allowed.isEmpty() || allowed.contains(callingAeTitle);
    }
}
