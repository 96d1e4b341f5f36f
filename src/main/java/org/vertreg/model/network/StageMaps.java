package org.vertreg.model.network;

import java.util.List;
import org.vertreg.model.network.LgffRegConfig.Branches;

/**
 * What a fusion block receives (maps or their shapes), in this order: the local branch's map if there is a local
 * branch, the global branch's map if there is a global branch, the previous stage's fused map if the fusion uses it.
 *
 * @param local    the local branch's map, or null
 * @param global   the global branch's map, or null
 * @param previous the previous stage's fused map, or null
 */
record StageMaps<T>(T local, T global, T previous) {

    static <T> StageMaps<T> of(List<T> inputs, Branches branches, boolean withPrevious) {
        boolean hasLocal = branches != Branches.GLOBAL_ONLY, hasGlobal = branches != Branches.LOCAL_ONLY;
        int expected = (hasLocal ? 1 : 0) + (hasGlobal ? 1 : 0) + (withPrevious ? 1 : 0);
        if (inputs.size() != expected) {
            throw new IllegalArgumentException("fusion of " + branches + (withPrevious ? " with the previous stage" : "") + " takes "
                    + expected + " maps, got " + inputs.size());
        }
        int i = 0;
        T local = hasLocal ? inputs.get(i++) : null;
        T global = hasGlobal ? inputs.get(i++) : null;
        return new StageMaps<>(local, global, withPrevious ? inputs.get(i) : null);
    }

    /** The map whose size the fused map takes: the local one, or the global one when there is no local branch. */
    T reference() {
        return local != null ? local : global;
    }
}
