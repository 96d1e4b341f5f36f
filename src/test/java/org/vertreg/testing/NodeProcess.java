package org.vertreg.testing;

import io.restassured.path.json.JsonPath;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The packaged node (target/quarkus-app) run as a separate process, as an operator would run it, so a test can kill it. */
public final class NodeProcess implements AutoCloseable {
    /** The first administrator's password, made for this test run (no password is shipped); {@link #get} uses it. */
    static final String ADMIN_PASSWORD = java.util.UUID.randomUUID().toString();

    public static String adminPassword() {
        return ADMIN_PASSWORD;
    }

    private final Process process;
    public final int dicomPort;
    public final int httpPort;
    public final Path archiveRoot;
    public final Path log;

    private NodeProcess(Process process, int dicomPort, int httpPort, Path archiveRoot, Path log) {
        this.process = process;
        this.dicomPort = dicomPort;
        this.httpPort = httpPort;
        this.archiveRoot = archiveRoot;
        this.log = log;
    }

    /** Starts the node on an emptied test database: what earlier tests or runs stored there cannot change the outcome. */
    public static NodeProcess startOnEmptyDatabase(Path archiveRoot) throws Exception {
        return start(archiveRoot, Map.of("QUARKUS_FLYWAY_CLEAN_AT_START", "true", "QUARKUS_FLYWAY_CLEAN_DISABLED", "false"));
    }

    /** Starts the node again on the database as the previous start left it, as after a crash. */
    public static NodeProcess restart(Path archiveRoot) throws Exception {
        return start(archiveRoot, Map.of());
    }

    /** As {@link #startOnEmptyDatabase(Path)}, with more configuration as environment variables. */
    public static NodeProcess startOnEmptyDatabase(Path archiveRoot, Map<String, String> environment) throws Exception {
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(Map.of("QUARKUS_FLYWAY_CLEAN_AT_START", "true", "QUARKUS_FLYWAY_CLEAN_DISABLED", "false"));
        return start(archiveRoot, env);
    }

    /** As {@link #restart(Path)}, with more configuration as environment variables. */
    public static NodeProcess restart(Path archiveRoot, Map<String, String> environment) throws Exception {
        return start(archiveRoot, environment);
    }

    /**
     * The DICOM port is 0, so the node takes a free one and its readiness check names it; the HTTP port, needed to ask,
     * is one the system just handed out and that is free again.
     */
    private static NodeProcess start(Path archiveRoot, Map<String, String> extraEnv) throws Exception {
        Path log = archiveRoot.resolveSibling(archiveRoot.getFileName() + "-node.log");
        int httpPort = freePort();
        Map<String, String> environment = new HashMap<>(Map.of("VERTREG_SECURITY_INITIAL_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "VERTREG_ARCHIVE_ROOT", archiveRoot.toString(),
                "VERTREG_DICOM_PORT", "0", "QUARKUS_HTTP_PORT", String.valueOf(httpPort),
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/vertreg_test"));
        environment.putAll(extraEnv);
        Process process = PackagedApp.startNode(environment, log);
        try {
            int dicomPort = awaitReady(process, httpPort, log);
            return new NodeProcess(process, dicomPort, httpPort, archiveRoot, log);
        } catch (Exception | AssertionError e) {
            process.destroyForcibly().waitFor();
            throw e;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Polls readiness until it answers UP (or the deadline passes); returns the DICOM port it names. */
    private static int awaitReady(Process process, int httpPort, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the node exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return JsonPath.from(r.body()).getInt("checks.find { it.name == 'dicom-scp' }.data.port");
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("the node did not become ready; see " + log);
    }

    public String get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).header("Authorization", "Basic "
                        + java.util.Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .build(), HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    /** SIGKILL: no shutdown hook, no flush, as a power cut or the OOM killer would end it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    public File incoming() {
        return archiveRoot.resolve("incoming").toFile();
    }
}
