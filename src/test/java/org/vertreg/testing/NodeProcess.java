package org.vertreg.testing;

import java.io.File;
import java.io.IOException;
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

    public static NodeProcess start(Path archiveRoot, int dicomPort, int httpPort, Map<String, String> extraEnv) throws Exception {
        Path log = archiveRoot.resolveSibling(archiveRoot.getFileName() + "-node.log");
        Map<String, String> environment = new HashMap<>(Map.of("VERTREG_ARCHIVE_ROOT", archiveRoot.toString(),
                "VERTREG_DICOM_PORT", String.valueOf(dicomPort), "QUARKUS_HTTP_PORT", String.valueOf(httpPort),
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/vertreg_test"));
        environment.putAll(extraEnv);
        NodeProcess node = new NodeProcess(PackagedApp.startNode(environment, log), dicomPort, httpPort, archiveRoot, log);
        node.awaitReady();
        return node;
    }

    private void awaitReady() throws Exception {
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
                    return;
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
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(), HttpResponse.BodyHandlers.ofString());
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
