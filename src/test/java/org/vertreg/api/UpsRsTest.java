package org.vertreg.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.JSONRepresentationOfDicomObjectFactory;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vertreg.api.security.Roles;
import org.vertreg.dicom.DicomScp;
import org.vertreg.testing.Await;
import org.vertreg.testing.DcmtkTool;
import org.vertreg.testing.XrayFixture;

/**
 * The worklist as DICOM UPS workitems: an X-ray stored by C-STORE queues its registration, which UPS-RS search finds by
 * Patient ID as DICOM JSON that PixelMed's DICOM JSON reader accepts; retrieve by UID gives the same workitem.
 */
@QuarkusTest
@TestSecurity(user = "vera", roles = Roles.VIEWER)
class UpsRsTest {
    static final XrayFixture XRAY = new XrayFixture("UpsRsTest/xray");
    static final String PATIENT = "UPS-RS-1";

    @Inject
    DicomScp scp;

    static AttributeList parse(String json) throws Exception {
        return new JSONRepresentationOfDicomObjectFactory().getAttributeList(new ByteArrayInputStream(json.getBytes("UTF-8")));
    }

    @Test
    void aQueuedRegistrationIsAScheduledWorkitemInDicomJson() throws Exception {
        Path folder = Files.createTempDirectory("ups");
        assertTrue(DcmtkTool.store(scp.port(), "CARM", List.of(XRAY.write(folder.toFile(), PATIENT).toString())).succeeded());

        String json = Await.until(() -> given().queryParam("PatientID", PATIENT).get("/workitems").then().statusCode(200)
                        .contentType("application/dicom+json").extract().asString(), body -> body.contains("00741000"), Duration.ofSeconds(30),
                "the workitem of the X-ray's registration");
        AttributeList w = parse(json);
        assertEquals("1.2.840.10008.5.1.4.34.6.1", Attribute.getSingleStringValueOrEmptyString(w, TagFromName.SOPClassUID));
        assertEquals(PATIENT, Attribute.getSingleStringValueOrEmptyString(w, TagFromName.PatientID));
        assertEquals("SCHEDULED", Attribute.getSingleStringValueOrEmptyString(w, new AttributeTag(0x0074, 0x1000)));
        assertEquals("HIGH", Attribute.getSingleStringValueOrEmptyString(w, new AttributeTag(0x0074, 0x1200)));
        SequenceAttribute input = (SequenceAttribute) w.get(new AttributeTag(0x0040, 0x4021));
        AttributeList ref = input.getItem(0).getAttributeList();
        assertEquals(XRAY.studyUid, Attribute.getSingleStringValueOrEmptyString(ref, TagFromName.StudyInstanceUID));
        SequenceAttribute sops = (SequenceAttribute) ref.get(TagFromName.ReferencedSOPSequence);
        assertEquals(XRAY.sopInstanceUid, Attribute.getSingleStringValueOrEmptyString(sops.getItem(0).getAttributeList(),
                TagFromName.ReferencedSOPInstanceUID));

        String uid = Attribute.getSingleStringValueOrEmptyString(w, TagFromName.SOPInstanceUID);
        AttributeList again = parse(given().get("/workitems/" + uid).then().statusCode(200).extract().asString());
        assertEquals(uid, Attribute.getSingleStringValueOrEmptyString(again, TagFromName.SOPInstanceUID));
        given().queryParam("PatientID", PATIENT).queryParam("ProcedureStepState", "COMPLETED").get("/workitems").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.is(0));
        given().queryParam("ProcedureStepState", "DONE").get("/workitems").then().statusCode(400);
        given().get("/workitems/2.25.1").then().statusCode(404);
    }
}
