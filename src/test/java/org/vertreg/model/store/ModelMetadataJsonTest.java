package org.vertreg.model.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Vector3;

class ModelMetadataJsonTest {
    private static final ModelMetadata VERTEBRA_ALONE = StoredModelFixtures.metadata("tiny 4", Instant.parse("2025-01-02T03:04:05Z"), 1.5);

    @Test
    void metadataRoundTripsWithItsProjectedAnatomy() {
        ModelMetadata wholeCt = new ModelMetadata(VERTEBRA_ALONE.geometry(), VERTEBRA_ALONE.inputMapping(), "whole-ct",
                VERTEBRA_ALONE.preset(), VERTEBRA_ALONE.networkConfig(), VERTEBRA_ALONE.trainingConfig(), VERTEBRA_ALONE.seed(),
                VERTEBRA_ALONE.validation(), VERTEBRA_ALONE.softwareVersion(), VERTEBRA_ALONE.createdAt());
        String json = ModelMetadataJson.write(wholeCt);
        assertTrue(json.contains("\"projectedAnatomy\" : \"whole-ct\""), json);
        assertEquals(wholeCt, ModelMetadataJson.read(json));
        assertEquals("vertebra-alone", VERTEBRA_ALONE.projectedAnatomy());
        assertEquals(VERTEBRA_ALONE, ModelMetadataJson.read(ModelMetadataJson.write(VERTEBRA_ALONE)));
    }

    @Test
    void aFileWrittenBeforeTheFieldExistedReadsAsTheVertebraAlone() {
        String old = ModelMetadataJson.write(VERTEBRA_ALONE).replaceAll("\\s*\"projectedAnatomy\" : \"[^\"]*\",", "");
        assertTrue(!old.contains("projectedAnatomy") && old.contains("\"preset\""), old);
        ModelMetadata read = ModelMetadataJson.read(old);
        assertEquals(ModelMetadata.VERTEBRA_ALONE, read.projectedAnatomy());
        assertEquals(VERTEBRA_ALONE, read);
    }

    @Test
    void aBlankAnatomyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ModelMetadata(DetectorGeometry.of(CarmGeometry.defaults(Vector3.ZERO)),
                "DrrImageMapping", " ", "tiny", "tiny 4", "epochs=1", 1, new ValidationMetrics(1, 1.0, 0.1), "test", Instant.EPOCH));
    }
}
