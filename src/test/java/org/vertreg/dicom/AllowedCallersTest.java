package org.vertreg.dicom;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.vertreg.testing.DcmtkTool;

/** With a list of allowed callers configured, an unknown calling AE title is rejected at association. */
@QuarkusTest
@TestProfile(AllowedCallersTest.TwoCallers.class)
class AllowedCallersTest {

    public static class TwoCallers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vertreg.dicom.allowed-calling-ae-titles", "PACS,CARM");
        }
    }

    @ConfigProperty(name = "vertreg.dicom.port")
    int port;

    @Test
    void knownCallerIsAccepted() {
        DcmtkTool.Result echo = DcmtkTool.echo(port, "CARM");
        assertTrue(echo.succeeded(), echo.output());
    }

    @Test
    void unknownCallerIsRejectedAndAudited() throws Exception {
        DcmtkTool.Result echo = DcmtkTool.echo(port, "STRANGER");
        assertFalse(echo.succeeded(), echo.output());
        assertTrue(echo.output().contains("Rejected"), echo.output());
        RawAssociation raw = RawAssociation.open(port, "VERTREG", "STRANGER", List.of(StorageSopClasses.CT_IMAGE),
                List.of(AcceptedTransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN));
        assertFalse(raw.accepted());
        assertEquals(1, raw.rejectResult, "rejected-permanent");
        assertEquals(3, raw.rejectReason, "calling AE title not recognized");
        raw.close();
        List<String> actors = given().queryParam("type", "ASSOCIATION_REFUSED").get("/api/audit").jsonPath().getList("actor");
        assertTrue(actors.contains("STRANGER"), actors.toString());
    }
}
