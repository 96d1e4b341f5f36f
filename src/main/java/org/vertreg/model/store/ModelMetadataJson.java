package org.vertreg.model.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * {@link ModelMetadata} as JSON, the same text on disk ({@code metadata.json}) and in the index ({@code metadata}
 * jsonb). Times are ISO-8601; unknown fields are ignored so that older nodes can read newer files, and a file without
 * {@code projectedAnatomy} (written before the field existed) reads as {@value ModelMetadata#VERTEBRA_ALONE}.
 */
public final class ModelMetadataJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ModelMetadataJson() {
    }

    public static String write(ModelMetadata metadata) {
        try {
            return MAPPER.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("model metadata cannot be written as JSON", e);
        }
    }

    /** @throws IllegalArgumentException when the text is not valid metadata */
    public static ModelMetadata read(String json) {
        try {
            return MAPPER.readValue(json, ModelMetadata.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid model metadata: " + e.getOriginalMessage(), e);
        }
    }
}
