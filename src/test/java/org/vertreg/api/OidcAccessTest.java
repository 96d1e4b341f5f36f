package org.vertreg.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.vertreg.api.security.NodeUser;
import org.vertreg.api.security.Roles;
import org.vertreg.testing.Await;
import org.vertreg.testing.TestIdentityProvider;

/**
 * OIDC switched on by configuration: bearer tokens from the hospital's identity provider, their groups mapped to the
 * node's roles ({@code quarkus.http.auth.roles-mapping}), beside the node's own users with HTTP Basic. Forged, expired
 * and foreign tokens are refused with 401, and audited.
 */
@QuarkusTest
@TestProfile(OidcAccessTest.Oidc.class)
class OidcAccessTest {
    public static class Oidc implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the provider's own group names, mapped to the node's roles
            return Map.of("quarkus.http.auth.roles-mapping.\"Radiographers\"", Roles.TECHNOLOGIST,
                    "quarkus.http.auth.roles-mapping.\"Quality and Audit\"", Roles.AUDITOR);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TestIdentityProvider.class));
        }
    }

    @Inject
    DataSource db;

    static RequestSpecification bearer(String token) {
        return given().auth().oauth2(token);
    }

    @Test
    void aTokensGroupsDecideWhatItMayDo() {
        String radiographer = TestIdentityProvider.token("rita", List.of("Radiographers"));
        bearer(radiographer).get("/api/jobs").then().statusCode(200);
        bearer(radiographer).post("/api/jobs/999999/retry").then().statusCode(404); // past the role check: no such job
        bearer(radiographer).get("/api/audit").then().statusCode(403);

        String auditor = TestIdentityProvider.token("otto", List.of("Quality and Audit"));
        bearer(auditor).get("/api/audit").then().statusCode(200);
        bearer(auditor).post("/api/jobs/999999/retry").then().statusCode(403);

        // a group the node does not know gives no role: signed in, allowed nothing
        String stranger = TestIdentityProvider.token("sam", List.of("Catering"));
        bearer(stranger).get("/api/jobs").then().statusCode(403);
        // the node's roles by name work as groups too
        bearer(TestIdentityProvider.token("vic", List.of(Roles.VIEWER))).get("/workitems").then().statusCode(200);
    }

    @Test
    void forgedExpiredAndForeignTokensAreRefused() {
        List<String> groups = List.of("Radiographers");
        bearer(TestIdentityProvider.forgedToken("mallory", groups)).get("/api/jobs").then().statusCode(401);
        bearer(TestIdentityProvider.expiredToken("rita", groups)).get("/api/jobs").then().statusCode(401);
        bearer(TestIdentityProvider.tokenForAnotherAudience("rita", groups)).get("/api/jobs").then().statusCode(401);
        bearer("not.a.token").get("/api/jobs").then().statusCode(401);
        given().get("/api/jobs").then().statusCode(401);
        Await.until(() -> count("LOGIN_REFUSED", null, "%bearer token%"), n -> n >= 4, Duration.ofSeconds(30), "the refused tokens audited");
        assertTrue(count("LOGIN_REFUSED", null, "OIDC bearer token refused: expired") >= 1);
        assertTrue(count("LOGIN_REFUSED", null, "OIDC bearer token refused: issued for another audience") >= 1);
        assertTrue(count("LOGIN_REFUSED", null, "OIDC bearer token refused: signature not verified%") >= 1);
        assertEquals(0, count("LOGIN_REFUSED", null, "%eyJ%"), "no token in the trail");
        assertEquals(0, count("LOGIN_REFUSED", null, "%rita%"), "no unverified claim in the trail");
    }

    @Test
    void theNodesOwnUsersStillSignInWithPasswords() {
        QuarkusTransaction.requiringNew().run(() -> {
            if (NodeUser.count("username", "tom") == 0) {
                NodeUser.of("tom", "correct horse battery staple", Roles.TECHNOLOGIST).persist();
            }
        });
        given().auth().preemptive().basic("tom", "correct horse battery staple").get("/api/jobs").then().statusCode(200);
        given().auth().preemptive().basic("tom", "wrong password!!").get("/api/jobs").then().statusCode(401);
    }

    @Test
    void callsWithATokenAreAuditedUnderItsUser() {
        bearer(TestIdentityProvider.token("rita", List.of("Radiographers"))).get("/api/jobs?state=FAILED").then().statusCode(200);
        Await.until(() -> count("API_CALL", "rita", "GET /api/jobs?state=FAILED%200"), n -> n >= 1, Duration.ofSeconds(30),
                "the call audited under the token's user");
    }

    long count(String type, String actor, String detail) {
        String sql = "select count(*) from audit_event where event_type = ? and actor is not distinct from ? and coalesce(detail, '') like ?";
        try (var c = db.getConnection(); var s = c.prepareStatement(sql)) {
            s.setString(1, type);
            s.setString(2, actor);
            s.setString(3, detail);
            try (var r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
