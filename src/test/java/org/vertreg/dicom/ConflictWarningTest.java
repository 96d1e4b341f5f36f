package org.vertreg.dicom;

import io.quarkus.test.security.TestSecurity;
import org.vertreg.api.security.Roles;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.TagFromName;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vertreg.testing.XrayFixture;

/** With {@code conflicting-duplicates=warn}, a conflicting duplicate is answered with warning B006; the stored copy stays. */
@QuarkusTest
@TestSecurity(user = "tester", roles = Roles.ADMINISTRATOR) // access control itself: AccessControlTest
@TestProfile(ConflictWarningTest.Warn.class)
class ConflictWarningTest {

    public static class Warn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vertreg.archive.conflicting-duplicates", "warn");
        }
    }

    @Inject
    DicomScp scp;

    @Test
    void aConflictingDuplicateIsAWarning() throws Exception {
        XrayFixture xray = new XrayFixture("ConflictWarning/xray");
        AttributeList other = xray.attributes("WARN-1");
        other.put(new LongStringAttribute(TagFromName.ImageComments));
        other.get(TagFromName.ImageComments).addValue("reprocessed");
        String dx = StorageSopClasses.DX_FOR_PRESENTATION;
        try (RawAssociation a = RawAssociation.open(scp.port(), "VERTREG", "TESTSCU", List.of(dx),
                List.of(AcceptedTransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN))) {
            assertEquals(DicomStatus.SUCCESS, a.store(1, dx, xray.sopInstanceUid, XrayFixture.dataSet(xray.attributes("WARN-1"))));
            RawAssociation.Answer conflict = a.storeAnswer(1, dx, xray.sopInstanceUid, XrayFixture.dataSet(other));
            a.release();
            assertEquals(DicomStatus.WARNING_ELEMENTS_DISCARDED, conflict.status());
            assertEquals("other content is already stored under this SOP Instance UID; the", conflict.errorComment());
        }
        assertEquals("0xB006: other content is already stored under this SOP Instance UID; the stored copy was kept",
                given().queryParam("object", xray.sopInstanceUid).queryParam("type", "INSTANCE_CONFLICT").get("/api/audit").jsonPath()
                        .getString("[0].detail"));
        assertEquals(1, given().get("/api/series/" + xray.seriesUid).jsonPath().getInt("instanceCount"));
    }
}
