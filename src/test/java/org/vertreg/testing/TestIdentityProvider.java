package org.vertreg.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * An OpenID Connect provider as far as a resource server sees one: its discovery document and its signing keys (JWKS)
 * over HTTP on a free loopback port, and tokens it signs (RS256) for the tests to present. Started before the node, whose
 * OIDC tenant it switches on and points at itself.
 */
public class TestIdentityProvider implements QuarkusTestResourceLifecycleManager {
    public static final String AUDIENCE = "vertreg";
    private static final String KEY_ID = "hospital-1";
    private static final KeyPair KEYS = rsa(1);
    /** A key the provider never published: what a forged token is signed with. */
    private static final KeyPair FORGER = rsa(2);
    private static volatile String issuer;

    private HttpServer server;

    private static KeyPair rsa(int seed) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed); // the same keys on every run
            g.initialize(2048, random);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("the test identity provider", e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/hospital";
        server.createContext("/realms/hospital/.well-known/openid-configuration", x -> json(x, """
                {"issuer": "%1$s", "jwks_uri": "%1$s/protocol/openid-connect/certs",
                 "authorization_endpoint": "%1$s/protocol/openid-connect/auth", "token_endpoint": "%1$s/protocol/openid-connect/token",
                 "response_types_supported": ["code"], "subject_types_supported": ["public"],
                 "id_token_signing_alg_values_supported": ["RS256"]}""".formatted(issuer)));
        server.createContext("/realms/hospital/protocol/openid-connect/certs", x -> {
            RSAPublicKey key = (RSAPublicKey) KEYS.getPublic();
            json(x, """
                    {"keys": [{"kty": "RSA", "kid": "%s", "use": "sig", "alg": "RS256", "n": "%s", "e": "%s"}]}"""
                    .formatted(KEY_ID, base64Url(key.getModulus()), base64Url(key.getPublicExponent())));
        });
        server.start();
        return Map.of("quarkus.oidc.tenant-enabled", "true", "quarkus.oidc.auth-server-url", issuer, "quarkus.oidc.token.audience", AUDIENCE);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A token for {@code user} in {@code groups}, valid for five minutes, signed with the published key. */
    public static String token(String user, List<String> groups) {
        return sign(user, groups, issuer, AUDIENCE, Instant.now().plusSeconds(300), KEYS.getPrivate());
    }

    /** The same token, expired a minute ago. */
    public static String expiredToken(String user, List<String> groups) {
        return sign(user, groups, issuer, AUDIENCE, Instant.now().minusSeconds(60), KEYS.getPrivate());
    }

    /** The same token, signed by a key the provider never published. */
    public static String forgedToken(String user, List<String> groups) {
        return sign(user, groups, issuer, AUDIENCE, Instant.now().plusSeconds(300), FORGER.getPrivate());
    }

    /** The same token, issued for another service. */
    public static String tokenForAnotherAudience(String user, List<String> groups) {
        return sign(user, groups, issuer, "billing", Instant.now().plusSeconds(300), KEYS.getPrivate());
    }

    private static String sign(String user, List<String> groups, String iss, String audience, Instant expires, PrivateKey key) {
        return Jwt.issuer(iss).subject("id-" + user).preferredUserName(user).groups(new HashSet<>(groups)).audience(audience)
                .issuedAt(expires.minusSeconds(600)).expiresAt(expires).jws().keyId(KEY_ID).sign(key);
    }

    private static String base64Url(BigInteger n) {
        byte[] b = n.toByteArray();
        int skip = b.length > 1 && b[0] == 0 ? 1 : 0; // unsigned, big-endian, no leading zero
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOfRange(b, skip, b.length));
    }

    private static void json(HttpExchange x, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }
}
