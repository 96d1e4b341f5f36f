package org.vertreg.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vertreg.api.security.NodeUser;
import org.vertreg.api.security.Roles;

/** Who may do what over REST, with real users, bcrypt passwords and HTTP Basic: refusals as 401 and 403. */
@QuarkusTest
class AccessControlTest {
    static final String PASSWORD = "correct horse battery staple";
    static final Map<String, String> USERS = Map.of("vera", Roles.VIEWER, "tom", Roles.TECHNOLOGIST, "ada", Roles.ADMINISTRATOR, "audrey",
            Roles.AUDITOR);

    @BeforeEach
    void users() {
        QuarkusTransaction.requiringNew().run(() -> USERS.forEach((name, role) -> {
            if (NodeUser.count("username", name) == 0) {
                NodeUser.of(name, PASSWORD, role).persist();
            }
        }));
    }

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, PASSWORD);
    }

    @Test
    void withoutCredentialsTheApiAnswers401AndSaysHowToAuthenticate() {
        for (String path : new String[] {"/api/jobs", "/api/patients", "/api/series", "/api/audit", "/api/audit/verify"}) {
            given().get(path).then().statusCode(401).header("WWW-Authenticate", containsStringIgnoringCase("basic realm=\"vertreg\""));
        }
        given().auth().preemptive().basic("vera", "wrong password!!").get("/api/jobs").then().statusCode(401);
        given().auth().preemptive().basic("nobody", PASSWORD).get("/api/jobs").then().statusCode(401);
        given().get("/q/health/ready").then().statusCode(200); // probes need no user
    }

    @Test
    void refusedLoginsAndApiCallsAreAudited() throws Exception {
        given().auth().preemptive().basic("mallory", "not the password").get("/api/jobs").then().statusCode(401);
        as("vera").get("/api/audit").then().statusCode(403);
        as("vera").get("/api/jobs?state=RUNNING").then().statusCode(200);
        String sql = "select count(*) from audit_event where event_type = ? and actor = ? and outcome = ? and coalesce(detail, '') like ?";
        org.vertreg.testing.Await.until(() -> count(sql, "LOGIN_REFUSED", "mallory", "REFUSED", "%"), n -> n >= 1,
                java.time.Duration.ofSeconds(30), "the refused login audited");
        org.vertreg.testing.Await.until(() -> count(sql, "API_CALL", "vera", "REFUSED", "GET /api/audit%403"), n -> n >= 1,
                java.time.Duration.ofSeconds(30), "the refused call audited");
        org.vertreg.testing.Await.until(() -> count(sql, "API_CALL", "vera", "SUCCESS", "GET /api/jobs?state=RUNNING%200"), n -> n >= 1,
                java.time.Duration.ofSeconds(30), "the call audited");
    }

    @jakarta.inject.Inject
    javax.sql.DataSource db;

    long count(String sql, String... params) {
        try (var c = db.getConnection(); var s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            try (var r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyRoleReadsTheWorklist() {
        USERS.keySet().forEach(u -> as(u).get("/api/jobs").then().statusCode(200));
        USERS.keySet().forEach(u -> as(u).get("/api/series").then().statusCode(200));
    }

    @Test
    void onlyTechnologistsAndAdministratorsAct() {
        String body = "{\"sopInstanceUid\": \"1.2.3.4.5.6.7.8.9\"}";
        for (String refused : new String[] {"vera", "audrey"}) {
            as(refused).contentType("application/json").body(body).post("/api/registrations").then().statusCode(403);
            as(refused).post("/api/jobs/999999/retry").then().statusCode(403);
            as(refused).post("/api/jobs/999999/cancel").then().statusCode(403);
            as(refused).contentType("application/json").body("{\"level\": 1, \"levelName\": \"L1\"}").post("/api/series/1.2.3/targets").then()
                    .statusCode(403);
        }
        for (String allowed : new String[] {"tom", "ada"}) {
            // past the role check: the job or the instance is unknown
            as(allowed).post("/api/jobs/999999/retry").then().statusCode(404);
            as(allowed).contentType("application/json").body(body).post("/api/registrations").then().statusCode(404);
        }
    }

    @Test
    void onlyAuditorsAndAdministratorsReadTheAuditTrail() {
        for (String refused : new String[] {"vera", "tom"}) {
            as(refused).get("/api/audit").then().statusCode(403);
            as(refused).get("/api/audit/verify").then().statusCode(403);
        }
        for (String allowed : new String[] {"audrey", "ada"}) {
            as(allowed).get("/api/audit").then().statusCode(200);
            as(allowed).get("/api/audit/verify").then().statusCode(200);
        }
    }

    @Test
    void theOpenApiDocumentListsTheWorklist() {
        given().get("/q/openapi?format=json").then().statusCode(200).body(containsString("\"/api/jobs\""));
    }

    @Test
    void passwordsAreKeptAsBcryptOnlyAndWeakOnesRefused() {
        String stored = QuarkusTransaction.requiringNew().call(() -> NodeUser.<NodeUser>find("username", "vera").firstResult().password);
        assertTrue(stored.startsWith("$2a$") || stored.startsWith("$2b$") || stored.startsWith("$2y$"), stored);
        assertTrue(BcryptUtil.matches(PASSWORD, stored));
        assertThrows(IllegalArgumentException.class, () -> NodeUser.of("eve", "short", Roles.VIEWER));
        assertThrows(IllegalArgumentException.class, () -> NodeUser.of("eve", PASSWORD, "superuser"));
        assertThrows(IllegalArgumentException.class, () -> NodeUser.of("eve; drop table", PASSWORD, Roles.VIEWER));
        assertEquals(4, USERS.size());
    }
}
