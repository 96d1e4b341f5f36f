package org.vertreg.cli;

import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;

/** The node's database as the administrative commands reach it: {@code --jdbc-url}, {@code --user}, else the node's settings. */
final class NodeDatabase {
    static final String OPTIONS_USAGE = """
              --jdbc-url  default $QUARKUS_DATASOURCE_JDBC_URL, else jdbc:postgresql://127.0.0.1:5432/vertreg
              --user      default $QUARKUS_DATASOURCE_USERNAME, else vertreg (password: $QUARKUS_DATASOURCE_PASSWORD)
            """;

    private NodeDatabase() {}

    static PGSimpleDataSource of(Map<String, String> options) {
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setUrl(options.getOrDefault("--jdbc-url", env("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/vertreg")));
        db.setUser(options.getOrDefault("--user", env("QUARKUS_DATASOURCE_USERNAME", "vertreg")));
        db.setPassword(env("QUARKUS_DATASOURCE_PASSWORD", ""));
        return db;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
