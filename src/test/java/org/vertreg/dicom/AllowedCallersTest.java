package org.vertreg.dicom;

import io.quarkus.test.security.TestSecurity;
import org.vertreg.api.security.Roles;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vertreg.testing.DcmtkTool;

/**
 * With a list of allowed callers configured, an unknown calling AE title is rejected at association;
 * with two association slots, a third caller is told to come back later, and a silent one loses its slot.
 */
@QuarkusTest
@TestSecurity(user = "tester", roles = Roles.ADMINISTRATOR) // access control itself: AccessControlTest
@TestProfile(AllowedCallersTest.TwoCallers.class)
class AllowedCallersTest {

    public static class TwoCallers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vertreg.dicom.allowed-calling-ae-titles", "PACS,CARM", "vertreg.dicom.max-associations", "2",
                    "vertreg.dicom.idle-timeout", "3s");
        }
    }

    @Inject
    DicomScp scp; // its port: the test profile asks for a free one (port 0)

    @Test
    void knownCallerIsAccepted() {
        DcmtkTool.Result echo = DcmtkTool.echo(scp.port(), "CARM");
        assertTrue(echo.succeeded(), echo.output());
    }

    @Test
    void unknownCallerIsRejectedAndAudited() throws Exception {
        DcmtkTool.Result echo = DcmtkTool.echo(scp.port(), "STRANGER");
        assertFalse(echo.succeeded(), echo.output());
        assertTrue(echo.output().contains("Rejected"), echo.output());
        RawAssociation raw = RawAssociation.open(scp.port(), "VERTREG", "STRANGER", List.of(StorageSopClasses.CT_IMAGE),
                List.of(AcceptedTransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN));
        assertFalse(raw.accepted());
        assertEquals(1, raw.rejectResult, "rejected-permanent");
        assertEquals(3, raw.rejectReason, "calling AE title not recognized");
        raw.close();
        List<String> actors = given().queryParam("type", "ASSOCIATION_REFUSED").get("/api/audit").jsonPath().getList("actor");
        assertTrue(actors.contains("STRANGER"), actors.toString());
    }

    @Test
    void busyNodeRejectsTransientlyAndSilentPeersLoseTheirSlot() throws Exception {
        List<String> ct = List.of(StorageSopClasses.CT_IMAGE);
        List<String> le = List.of(AcceptedTransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN);
        // Associations of the other tests keep their slots until the toolkit's short wait after release.
        RawAssociation first = openWhenASlotIsFree(ct, le);
        RawAssociation second = openWhenASlotIsFree(ct, le);
        RawAssociation third = RawAssociation.open(scp.port(), "VERTREG", "PACS", ct, le);
        assertFalse(third.accepted());
        assertEquals(2, third.rejectResult, "rejected-transient");
        assertEquals(2, third.rejectReason, "local limit exceeded");
        third.close();
        // Both stay silent past the idle timeout: the node drops them and the slots come free.
        assertEquals(-1, first.awaitClosedByPeer(java.time.Duration.ofSeconds(15)));
        assertEquals(-1, second.awaitClosedByPeer(java.time.Duration.ofSeconds(15)));
        org.vertreg.testing.Await.until(() -> DcmtkTool.echo(scp.port(), "CARM").succeeded(), ok -> ok, java.time.Duration.ofSeconds(10),
                "a slot to come free");
        first.close();
        second.close();
    }

    private RawAssociation openWhenASlotIsFree(List<String> abstractSyntaxes, List<String> transferSyntaxes) {
        return org.vertreg.testing.Await.until(() -> {
            try {
                RawAssociation a = RawAssociation.open(scp.port(), "VERTREG", "PACS", abstractSyntaxes, transferSyntaxes);
                if (!a.accepted()) {
                    a.close();
                }
                return a;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, RawAssociation::accepted, java.time.Duration.ofSeconds(10), "a free association slot");
    }
}
