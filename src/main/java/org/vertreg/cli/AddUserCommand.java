package org.vertreg.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;
import org.vertreg.api.security.NodeUser;

/** {@code add-user}: a user of the REST API, its password hashed with bcrypt; how the first administrator is made. */
final class AddUserCommand {

    static final String USAGE = """
            usage: add-user --username NAME --roles ROLE[,ROLE...] [--replace] [--jdbc-url URL] [--user USER]
              Adds a user of the node's REST API to its database (the node must have started once, to create the
              tables). Roles: viewer (reads), technologist (reads and job actions), administrator (everything),
              auditor (reads and the audit trail). The password (12 characters at least) is read from the environment
              variable VERTREG_NEW_USER_PASSWORD, else from the first line of standard input; it is stored as a bcrypt
              hash only. --replace sets the password and roles of a user that exists (else that is an error).
              Exit code 0 on success, 2 on any error.
            """ + NodeDatabase.OPTIONS_USAGE;

    private AddUserCommand() {}

    static final CommandLine.Command COMMAND = new CommandLine.Command("add-user", USAGE, AddUserCommand::parse, AddUserCommand::add);

    private static Map<String, String> parse(String[] args) {
        Map<String, String> o = CommandLine.options(args, List.of("--replace"), List.of("--username", "--roles", "--jdbc-url", "--user"));
        if (!o.containsKey("--help")) {
            CommandLine.require(o, "--username", "--roles");
        }
        return o;
    }

    private static void add(Map<String, String> o, PrintStream out) throws IOException {
        String password = System.getenv("VERTREG_NEW_USER_PASSWORD");
        if (password == null || password.isEmpty()) {
            password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        NodeUser user = NodeUser.of(o.get("--username"), password, o.get("--roles").split(","));
        PGSimpleDataSource db = NodeDatabase.of(o);
        String sql = "insert into node_user (username, password, roles) values (?, ?, ?) on conflict (username) "
                + (o.containsKey("--replace") ? "do update set password = excluded.password, roles = excluded.roles" : "do nothing");
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, user.username);
            s.setString(2, user.password);
            s.setString(3, user.roles);
            if (s.executeUpdate() == 0) {
                throw new IllegalStateException("user " + user.username + " exists: give --replace to set its password and roles");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot add the user at " + db.getUrl() + ": " + e.getMessage(), e);
        }
        out.println("user " + user.username + " with roles " + user.roles);
    }
}
