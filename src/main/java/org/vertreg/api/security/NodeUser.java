package org.vertreg.api.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Arrays;

/** A user of the REST API: name, bcrypt-hashed password (checked by {@link VerifiedPasswords}), comma-separated roles. */
@Entity
@Table(name = "node_user")
public class NodeUser extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String username;
    public String password;
    public String roles;
    @Column(name = "created_at", insertable = false, updatable = false)
    public java.time.OffsetDateTime createdAt;

    /**
     * A new user, the password hashed with bcrypt (cost 10).
     *
     * @throws IllegalArgumentException for an unknown role, an empty name or a password shorter than 12 characters
     */
    public static NodeUser of(String username, String password, String... roles) {
        if (username == null || !username.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new IllegalArgumentException("a user name is 1-64 letters, digits, '.', '_', '@' or '-'");
        }
        if (password == null || password.length() < 12) {
            throw new IllegalArgumentException("a password has at least 12 characters");
        }
        if (roles.length == 0 || !org.vertreg.api.security.Roles.ALL.containsAll(Arrays.asList(roles))) {
            throw new IllegalArgumentException("roles are some of " + org.vertreg.api.security.Roles.ALL + ", got " + Arrays.toString(roles));
        }
        NodeUser u = new NodeUser();
        u.username = username;
        u.password = BcryptUtil.bcryptHash(password);
        u.roles = String.join(",", roles);
        return u;
    }
}
