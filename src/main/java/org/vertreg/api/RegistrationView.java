package org.vertreg.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.vertreg.jobs.Job;

/**
 * One registration as its history lists it: the X-ray, the level and how it was chosen, the pose (rx, ry, rz degrees,
 * tx, ty, tz mm), the quality and its verdict, the job's state and error, and when.
 */
record RegistrationView(long jobId, String state, String xraySopInstanceUid, String level, String levelRule, JsonNode pose, Double qualityScore,
                        Boolean lowConfidence, String ctSeriesInstanceUid, String lastError, Instant createdAt, Instant finishedAt) {

    static RegistrationView of(Job j, ObjectMapper mapper) {
        try {
            JsonNode payload = mapper.readTree(j.payload()), result = mapper.readTree(j.stateData() == null ? "{}" : j.stateData());
            return new RegistrationView(j.id(), j.state().name(), text(payload, "sopInstanceUid"), text(result, "level"), text(result, "levelRule"),
                    result.get("pose"), result.has("qualityScore") ? result.get("qualityScore").asDouble() : null,
                    result.has("lowConfidence") ? result.get("lowConfidence").asBoolean() : null, text(result, "ctSeriesInstanceUid"),
                    j.lastError(), j.createdAt(), j.finishedAt());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("job " + j.id() + " holds JSON that does not parse", e);
        }
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }
}
