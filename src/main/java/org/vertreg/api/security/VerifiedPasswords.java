package org.vertreg.api.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP Basic against {@code node_user}: the bcrypt check (about 70 ms by design) once per user and password per minute,
 * not on every request of a worklist that polls. A verified pair is remembered as a salted SHA-256 of the password (the
 * salt drawn at start, never stored) with the identity, for {@value #REMEMBER_MS} ms; a changed password or role takes
 * effect within that minute.
 */
@ApplicationScoped
public class VerifiedPasswords implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    static final long REMEMBER_MS = 60_000;

    private record Verified(SecurityIdentity identity, long until) {
    }

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final byte[] salt = new byte[32];

    public VerifiedPasswords() {
        new SecureRandom().nextBytes(salt);
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return SYSTEM_FIRST;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        String user = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        String key = user + "\u0000" + digest(password);
        Verified known = verified.get(key);
        if (known != null && known.until() > System.currentTimeMillis()) {
            return Uni.createFrom().item(known.identity());
        }
        return context.runBlocking(() -> {
            NodeUser u = QuarkusTransaction.requiringNew().call(() -> NodeUser.<NodeUser>find("username", user).firstResult());
            if (u == null || !BcryptUtil.matches(password, u.password)) {
                throw new AuthenticationFailedException("unknown user or wrong password");
            }
            QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(u.username));
            for (String role : u.roles.split(",")) {
                identity.addRole(role.trim());
            }
            SecurityIdentity id = identity.build();
            verified.put(key, new Verified(id, System.currentTimeMillis() + REMEMBER_MS));
            return id;
        });
    }

    private String digest(String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return HexFormat.of().formatHex(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
