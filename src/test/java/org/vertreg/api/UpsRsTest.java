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
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.vertreg.api.security.Roles;
import org.vertreg.dicom.DicomScp;
import org.vertreg.jobs.JobKinds;
import org.vertreg.jobs.JobQueue;
import org.vertreg.jobs.NewJob;
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
    @Inject
    JobQueue queue;
    @Inject
    DataSource db;

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

    /** A workitem's UID is kept with its job: retrieve and search find it behind any number of newer jobs. */
    @Test
    void anOldWorkitemIsFoundBehindManyNewerOnes() throws Exception {
        long old = queue.enqueue(NewJob.of(JobKinds.REGISTRATION, "{\"sopInstanceUid\": \"1.2.826.0.1.3680043.9.7777.1\"}"));
        List<Long> newer = new ArrayList<>();
        try {
            for (int i = 0; i < 600; i++) {
                newer.add(queue.enqueue(NewJob.of(JobKinds.REGISTRATION, "{\"sopInstanceUid\": \"1.2.826.0.1.3680043.9.7777.2." + i + "\"}")));
            }
            String uid = workitemUid(old);
            assertTrue(uid.matches("2\\.25\\.[1-9][0-9]{0,38}"), uid);
            AttributeList w = parse(given().get("/workitems/" + uid).then().statusCode(200).extract().asString());
            assertEquals(uid, Attribute.getSingleStringValueOrEmptyString(w, TagFromName.SOPInstanceUID));

            // newest first, a page at a time: the 601st workitem on the seventh page of 100
            String page = given().queryParam("offset", 600).queryParam("limit", 100).get("/workitems").then().statusCode(200).extract().asString();
            assertTrue(page.contains(uid), "the old workitem on the page after the 600 newer ones");
            String first = given().queryParam("limit", 1).get("/workitems").then().statusCode(200).extract().asString();
            assertTrue(first.contains(workitemUid(newer.get(newer.size() - 1))), "the newest first");
        } finally {
            newer.add(old);
            try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("delete from job_transition where job_id = any(?); "
                    + "delete from job where id = any(?)")) {
                Array ids = c.createArrayOf("bigint", newer.toArray());
                s.setArray(1, ids);
                s.setArray(2, ids);
                s.execute();
            }
        }
    }

    String workitemUid(long job) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("select workitem_uid from job where id = ?")) {
            s.setLong(1, job);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next());
                return r.getString(1);
            }
        }
    }
}
