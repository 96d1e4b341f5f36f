package org.vertreg.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.PersonNameAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vertreg.api.security.Roles;
import org.vertreg.dicom.DicomScp;
import org.vertreg.testing.Await;
import org.vertreg.testing.DcmtkTool;
import org.vertreg.testing.XrayFixture;

/**
 * The application log holds no patient's name or ID: an X-ray received by C-STORE and API calls that name the patient in
 * their path and query leave them in the audit trail (where auditors need them) but not in the log.
 */
@QuarkusTest
@TestSecurity(user = "audrey", roles = Roles.ADMINISTRATOR)
class PatientDataOutOfLogTest {
    static final String PATIENT_ID = "PID-CANARY-4711";
    static final String PATIENT_NAME = "Canarywing^Petronella";
    static final XrayFixture XRAY = new XrayFixture("PatientDataOutOfLogTest/xray");

    @Inject
    DicomScp scp;
    @Inject
    DataSource db;

    final List<String> logged = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            String m = r.getMessage();
            if (r.getParameters() != null && r.getParameters().length > 0) {
                try {
                    m = String.format(m, r.getParameters()) + " " + java.util.Arrays.toString(r.getParameters());
                } catch (RuntimeException notAFormat) {
                    m = m + " " + java.util.Arrays.toString(r.getParameters());
                }
            }
            logged.add(r.getLoggerName() + " " + m + (r.getThrown() == null ? "" : " " + r.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void theTrailNamesThePatientAndTheLogDoesNot() throws Exception {
        File folder = Files.createTempDirectory("canary").toFile();
        AttributeList xray = XRAY.attributes(PATIENT_ID);
        PersonNameAttribute name = new PersonNameAttribute(TagFromName.PatientName);
        name.addValue(PATIENT_NAME);
        xray.put(name);
        FileMetaInformation.addFileMetaInformation(xray, TransferSyntax.ExplicitVRLittleEndian, "VERTREGTEST");
        File file = new File(folder, "xray.dcm");
        xray.write(file, TransferSyntax.ExplicitVRLittleEndian, true, true);
        assertTrue(DcmtkTool.store(scp.port(), "CARM", List.of(file.toString())).succeeded());

        Await.until(() -> given().get("/api/patients/" + PATIENT_ID + "/studies").then().extract().statusCode(), s -> s == 200,
                Duration.ofSeconds(30), "the X-ray indexed");
        given().get("/api/patients/" + PATIENT_ID + "/registrations").then().statusCode(200);
        given().queryParam("PatientID", PATIENT_ID).get("/workitems").then().statusCode(200);
        given().get("/api/patients/NO-SUCH-" + PATIENT_ID + "/studies").then().statusCode(404);

        Await.until(() -> apiCallsNaming(PATIENT_ID), n -> n >= 4, Duration.ofSeconds(30), "the calls in the trail, with the patient's ID");
        assertTrue(logged.stream().anyMatch(l -> l.contains("API_CALL") && l.contains("/api/patients/{patient}/registrations")),
                "the calls are in the log, without the ID: " + logged);
        assertTrue(logged.stream().anyMatch(l -> l.contains("INSTANCE_STORED") && l.contains(XRAY.sopInstanceUid)), "the X-ray's receipt is logged");
        for (String l : logged) {
            assertTrue(!l.contains("CANARY") && !l.toLowerCase().contains("canarywing") && !l.contains("Petronella"), "patient data in the log: " + l);
        }
        assertEquals(0, logged.stream().filter(l -> l.contains(PATIENT_ID)).count());
    }

    long apiCallsNaming(String patientId) {
        try (var c = db.getConnection(); var s = c.prepareStatement(
                "select count(*) from audit_event where event_type = 'API_CALL' and detail like ?")) {
            s.setString(1, "%" + patientId + "%");
            try (var r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
