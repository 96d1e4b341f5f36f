package org.vertreg.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.vertreg.api.security.Roles;
import org.vertreg.audit.AuditOutcome;
import org.vertreg.audit.AuditTrail;

/** The audit search an auditor runs: filters that combine, CSV export, and a clear 400 for a malformed filter. */
@QuarkusTest
@TestSecurity(user = "audrey", roles = Roles.AUDITOR)
class AuditSearchTest {
    @Inject
    AuditTrail trail;

    @Test
    void filtersCombineAndTheCsvHoldsTheSameRows() {
        String object = "2.25.4242" + System.nanoTime();
        trail.record("JOB_RETRIED", AuditOutcome.SUCCESS, "tom", "/10.1.1.1:5000", object, "job 1, \"again\"");
        trail.record("JOB_RETRIED", AuditOutcome.REFUSED, "vera", "/10.1.1.2:5000", object, "not allowed");
        trail.record("JOB_CANCELLED", AuditOutcome.SUCCESS, "tom", "/10.1.1.1:5000", object, "job 2");

        given().queryParam("object", object).queryParam("type", "JOB_RETRIED").queryParam("actor", "tom").queryParam("outcome", "SUCCESS")
                .queryParam("from", "2020-01-01T00:00:00Z").get("/api/audit").then().statusCode(200)
                .body("$", hasSize(1)).body("actor", everyItem(is("tom"))).body("[0].detail", is("job 1, \"again\""));
        given().queryParam("object", object).queryParam("to", "2020-01-01T00:00:00Z").get("/api/audit").then().statusCode(200).body("$", hasSize(0));

        given().queryParam("object", object).queryParam("format", "csv").get("/api/audit").then().statusCode(200)
                .contentType(startsWith("text/csv"))
                .body(startsWith("id,occurred_at,event_type,outcome,actor,remote_address,object_uid,series_uid,study_uid,detail\r\n"))
                .body(containsString(",JOB_CANCELLED,SUCCESS,tom,"))
                .body(containsString(",\"job 1, \"\"again\"\"\"\r\n"));
    }

    @Test
    void aMalformedFilterIsA400ThatSaysWhich() {
        given().queryParam("outcome", "MAYBE").get("/api/audit").then().statusCode(400);
        given().queryParam("from", "yesterday").get("/api/audit").then().statusCode(400);
        given().queryParam("format", "xml").get("/api/audit").then().statusCode(400);
        given().queryParam("limit", "100000").get("/api/audit").then().statusCode(400);
    }
}
