package org.vertreg.api;

import io.quarkus.test.security.TestSecurity;
import org.vertreg.api.security.Roles;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vertreg.dicom.DicomScp;
import org.vertreg.testing.DcmtkTool;
import org.vertreg.testing.XrayFixture;

/** The read-only API, health and metrics as a worklist, an operator and Prometheus see them. */
@QuarkusTest
@TestSecurity(user = "tester", roles = Roles.ADMINISTRATOR) // access control itself: AccessControlTest
class ApiTest {
    @Inject
    DicomScp scp; // its port: the test profile asks for a free one (port 0)

    @Test
    void readinessCoversTheDatabaseAndTheDicomListener() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("UP"))
                .body("checks.name", hasItems("dicom-scp", "Database connections health check"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void storedInstancesAppearInTheHierarchyAndTheMetrics() throws Exception {
        XrayFixture xray = new XrayFixture("ApiTest/stored");
        Path folder = Files.createTempDirectory("api");
        assertTrue(DcmtkTool.store(scp.port(), "CARM", List.of(xray.write(folder.toFile(), "API-1").toString())).succeeded());

        given().queryParam("q", "api-1").get("/api/patients").then().statusCode(200).body("patientId", hasItems("API-1"));
        given().get("/api/patients/API-1/studies").then().statusCode(200).body("studyInstanceUid", hasItems(xray.studyUid));
        given().get("/api/studies/" + xray.studyUid + "/series").then().statusCode(200)
                .body("seriesInstanceUid", hasItems(xray.seriesUid));
        given().get("/api/series/" + xray.seriesUid + "/instances").then().statusCode(200)
                .body("sopInstanceUid", hasItems(xray.sopInstanceUid));
        given().queryParam("modality", "dx").queryParam("status", "stored").get("/api/series").then().statusCode(200)
                .body("seriesInstanceUid", hasItems(xray.seriesUid));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("vertreg_dicom_cstore_total{status=\"0x0000\"}"))
                .body(containsString("vertreg_instances_stored_total{modality=\"DX\"}"));
    }

    @Test
    void unknownObjectsAndBadQueriesAreClearErrors() {
        given().get("/api/series/1.2.3.4.5.6.7.8.9").then().statusCode(404);
        given().get("/api/studies/1.2.3.4.5.6.7.8.9").then().statusCode(404);
        given().get("/api/instances/1.2.3.4.5.6.7.8.9").then().statusCode(404);
        given().get("/api/patients/NOBODY/studies").then().statusCode(404);
        given().queryParam("status", "LOST").get("/api/series").then().statusCode(400);
        given().queryParam("limit", "0").get("/api/series").then().statusCode(400);
        given().queryParam("limit", "5000").get("/api/audit").then().statusCode(400);
    }
}
