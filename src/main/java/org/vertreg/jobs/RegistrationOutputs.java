package org.vertreg.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vertreg.dicom.UidGenerator;

/**
 * The UIDs of a registration's outputs, chosen once by its first attempt and kept in the job's state data: a retried
 * registration writes the same objects, so a PACS never holds two different answers to one X-ray.
 */
record RegistrationOutputs(String registrationSeriesUid, String registrationSopUid, String exposureFrameOfReferenceUid, String overlaySeriesUid,
                           String overlaySopUid) {
    static final String KEY = "outputUids";

    /** The UIDs kept in {@code stateData}, or new ones. */
    static RegistrationOutputs keptOrNew(ObjectMapper json, String stateData) throws java.io.IOException {
        JsonNode kept = json.readTree(stateData).get(KEY);
        if (kept != null) {
            return json.treeToValue(kept, RegistrationOutputs.class);
        }
        return new RegistrationOutputs(UidGenerator.newUid(), UidGenerator.newUid(), UidGenerator.newUid(), UidGenerator.newUid(),
                UidGenerator.newUid());
    }

    /** {"outputUids": {...}}, to keep. */
    String asStateData(ObjectMapper json) {
        ObjectNode n = json.createObjectNode();
        n.set(KEY, json.valueToTree(this));
        return n.toString();
    }
}
