package org.vertreg.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A private Orthanc (the Debian package's {@code /usr/sbin/Orthanc}) for one test: the PACS beside the node. Its own
 * temporary folder holds the storage, the SQLite index, the configuration, an optional Lua script and Orthanc's log;
 * the DICOM and HTTP ports are free ports the system hands out. HTTP answers only on loopback and without
 * authentication. The node is the DICOM modality {@value #NODE_MODALITY} (host 127.0.0.1), and with
 * {@link Builder#autoRoute} every stored instance of the given modalities that the node did not send is forwarded to it,
 * as a hospital's routing rule would.
 *
 * <p>The executable is {@code /usr/sbin/Orthanc} unless the system property {@code vertreg.orthanc.executable} names
 * another; without one the fixture fails, saying that bin/setup installs it.
 *
 * <p>Orthanc 1.10 has no option to bind its listeners to one address; both listen on every interface. HTTP refuses
 * clients other than loopback ({@code "RemoteAccessAllowed": false}); for DICOM the fixture's Lua filter discards any
 * instance a C-STORE from another address than 127.0.0.1 brings (Orthanc still answers such a C-STORE with success).
 */
public final class OrthancPeer implements AutoCloseable {
    /** The symbolic name of the node in Orthanc's {@code DicomModalities}. */
    public static final String NODE_MODALITY = "vertreg";

    private static final List<Path> EXECUTABLES = List.of(Path.of("/usr/sbin/Orthanc"), Path.of("/usr/bin/Orthanc"));
    private static final Pattern AE_TITLE = Pattern.compile("[A-Za-z0-9_.\\- ]{1,16}");
    private static final Pattern CODE_STRING = Pattern.compile("[A-Z0-9_ ]{1,16}");
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)+");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path directory;
    private final Path log;
    private final String aeTitle;
    private final int dicomPort;
    private final int httpPort;
    /*
     * HTTP/1.1: by default the client asks a plain-HTTP server to upgrade to HTTP/2 (h2c), and Orthanc 1.10's CivetWeb
     * then drops some kept-alive connections after a POST, so that the next request fails with "header parser
     * received no bytes" (about one test run in three).
     */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private boolean closed;

    private OrthancPeer(Process process, Path directory, Path log, String aeTitle, int dicomPort, int httpPort) {
        this.process = process;
        this.directory = directory;
        this.log = log;
        this.aeTitle = aeTitle;
        this.dicomPort = dicomPort;
        this.httpPort = httpPort;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An Orthanc with the default AE title, no node registered and no routing. */
    public static OrthancPeer start() throws IOException, InterruptedException {
        return builder().start();
    }

    public static final class Builder {
        private String aeTitle = "ORTHANC";
        private String nodeAeTitle = "VERTREG";
        private Integer nodePort;
        private final Set<String> routedModalities = new LinkedHashSet<>();
        private Path directory;
        private Integer fixedDicomPort;

        private Builder() {
        }

        /** Orthanc's DICOM port, when the node must be told it before Orthanc starts; by default a free one. */
        public Builder dicomPort(int port) {
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("DICOM port " + port);
            }
            this.fixedDicomPort = port;
            return this;
        }

        /** Orthanc's own AE title ({@code DicomAet}); its calling AE title when it sends. */
        public Builder aeTitle(String value) {
            this.aeTitle = checkAeTitle(value, "Orthanc's AE title");
            return this;
        }

        /** Registers the node as modality {@value #NODE_MODALITY}: AE title {@code aeTitle} at 127.0.0.1:{@code port}. */
        public Builder node(String aeTitle, int port) {
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("node port " + port);
            }
            this.nodeAeTitle = checkAeTitle(aeTitle, "the node's AE title");
            this.nodePort = port;
            return this;
        }

        /**
         * Sends every stored instance whose Modality (0008,0060) is one of {@code modalities} to the node, unless the
         * node itself stored it by C-STORE (its calling AE title is the node's), so the node's REG and SC outputs never
         * go back to it whatever the set holds. Needs {@link #node}.
         */
        public Builder autoRoute(String... modalities) {
            for (String m : modalities) {
                if (m == null || !CODE_STRING.matcher(m).matches()) {
                    throw new IllegalArgumentException("not a Modality code: " + m);
                }
                routedModalities.add(m);
            }
            return this;
        }

        /** The folder for storage, index, configuration and log (created if missing); by default a new temporary one. */
        public Builder directory(Path value) {
            this.directory = value;
            return this;
        }

        public OrthancPeer start() throws IOException, InterruptedException {
            if (!routedModalities.isEmpty() && nodePort == null) {
                throw new IllegalStateException("autoRoute needs node(aeTitle, port): the route's destination");
            }
            Path executable = executable();
            Path dir = directory != null
                    ? Files.createDirectories(directory)
                    : Files.createTempDirectory("vertreg-orthanc-");
            Path storage = Files.createDirectories(dir.resolve("storage"));
            Path temporary = Files.createDirectories(dir.resolve("tmp"));
            Path lua = dir.resolve("orthanc.lua");
            Files.writeString(lua, luaScript(nodeAeTitle, routedModalities), StandardCharsets.UTF_8);
            String name = "vertreg-test-" + UUID.randomUUID();
            List<String> failures = new ArrayList<>();
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                int[] ports = freePorts(2);
                if (fixedDicomPort != null) {
                    ports[0] = fixedDicomPort;
                }
                Path config = dir.resolve("orthanc.json");
                JSON.writerWithDefaultPrettyPrinter().writeValue(config.toFile(),
                        configuration(name, storage, temporary, lua, ports[0], ports[1]));
                Path log = dir.resolve("orthanc.log");
                // Orthanc writes to stdout and stderr: both go to the log, so a full pipe can never block it.
                Process process = new ProcessBuilder(executable.toString(), "--verbose", config.toString())
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                        .start();
                OrthancPeer peer = new OrthancPeer(process, dir, log, aeTitle, ports[0], ports[1]);
                try {
                    if (peer.awaitStarted(name)) {
                        return peer;
                    }
                } catch (IOException | InterruptedException | RuntimeException | Error e) {
                    peer.stop();
                    throw e;
                }
                // Orthanc exited. If another process took a port between the system handing it out and Orthanc's
                // bind, new ports are asked for; any other cause ends the start.
                String said = Files.readString(log, StandardCharsets.UTF_8);
                Files.move(log, dir.resolve("orthanc-attempt-" + attempt + ".log"));
                failures.add(said);
                if (!said.contains("already in use")) {
                    break;
                }
            }
            throw new IllegalStateException("Orthanc did not start (" + dir + "); its log:\n"
                    + tail(failures.get(failures.size() - 1), 40));
        }

        private ObjectNode configuration(String name, Path storage, Path temporary, Path lua, int dicomPort, int httpPort) {
            ObjectNode c = JSON.createObjectNode();
            c.put("Name", name);
            c.put("StorageDirectory", storage.toString());
            c.put("IndexDirectory", storage.toString());
            c.put("TemporaryDirectory", temporary.toString());
            // Empty, so that no plugin loads (Debian's /etc/orthanc/orthanc.json loads /usr/share/orthanc/plugins).
            c.putArray("Plugins");
            c.putArray("LuaScripts").add(lua.toString());
            c.put("HttpServerEnabled", true);
            c.put("HttpPort", httpPort);
            c.put("RemoteAccessAllowed", false);
            c.put("AuthenticationEnabled", false);
            c.put("HttpCompressionEnabled", false);
            c.put("WebDavEnabled", false);
            c.put("ExecuteLuaEnabled", false);
            c.put("DicomServerEnabled", true);
            c.put("DicomAet", aeTitle);
            c.put("DicomPort", dicomPort);
            c.put("DicomCheckCalledAet", false);
            c.put("UnknownSopClassAccepted", true);
            c.put("DicomAlwaysAllowEcho", true);
            c.put("DicomAlwaysAllowStore", true);
            c.put("SyncStorageArea", true);
            c.put("SaveJobs", false);
            ObjectNode modalities = c.putObject("DicomModalities");
            if (nodePort != null) {
                ObjectNode node = modalities.putObject(NODE_MODALITY);
                node.put("AET", nodeAeTitle);
                node.put("Host", "127.0.0.1");
                node.put("Port", nodePort);
            }
            return c;
        }
    }

    /** Orthanc's Lua: a loopback-only filter for C-STOREs, and the auto-route if any modality is routed. */
    static String luaScript(String nodeAeTitle, Set<String> routedModalities) {
        StringBuilder lua = new StringBuilder();
        lua.append("-- Written by OrthancPeer.\n");
        lua.append("-- Orthanc 1.10 listens on every interface: keep only what C-STOREs from this machine bring.\n");
        lua.append("function ReceivedInstanceFilter(dicom, origin)\n");
        lua.append("  return origin['RequestOrigin'] ~= 'DicomProtocol' or origin['RemoteIp'] == '127.0.0.1'\n");
        lua.append("end\n");
        if (!routedModalities.isEmpty()) {
            lua.append("\nlocal nodeModality = '").append(NODE_MODALITY).append("'\n");
            lua.append("local nodeAet = '").append(nodeAeTitle).append("'\n");
            lua.append("local routed = {");
            String sep = " ";
            for (String m : routedModalities) {
                lua.append(sep).append("['").append(m).append("'] = true");
                sep = ", ";
            }
            lua.append(" }\n\n");
            lua.append("-- Called once per stored instance, in the order of storage, one call at a time; a second\n");
            lua.append("-- store of an instance Orthanc already holds calls it again.\n");
            lua.append("function OnStoredInstance(instanceId, tags, metadata, origin)\n");
            lua.append("  local fromNode = origin['RequestOrigin'] == 'DicomProtocol' and origin['RemoteAet'] == nodeAet\n");
            lua.append("  if not fromNode and routed[tags['Modality']] then\n");
            lua.append("    SendToModality(instanceId, nodeModality)\n");
            lua.append("  end\n");
            lua.append("end\n");
        }
        return lua.toString();
    }

    public int dicomPort() {
        return dicomPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public String aeTitle() {
        return aeTitle;
    }

    /** The fixture's folder: configuration, Lua script, log (kept after {@link #close}) and storage (deleted then). */
    public Path directory() {
        return directory;
    }

    /** Orthanc's stdout and stderr, {@code --verbose}. */
    public Path log() {
        return log;
    }

    /** POST /instances: stores a Part 10 file; returns Orthanc's id of the instance (also if it was already stored). */
    public String upload(Path part10) throws IOException, InterruptedException {
        JsonNode answer = json(send(HttpRequest.newBuilder(uri("/instances"))
                .header("Content-Type", "application/dicom")
                .POST(HttpRequest.BodyPublishers.ofFile(part10)), "POST /instances " + part10));
        String status = answer.path("Status").asText();
        if (!status.equals("Success") && !status.equals("AlreadyStored")) {
            throw new IllegalStateException("Orthanc did not store " + part10 + ": " + answer);
        }
        return answer.get("ID").asText();
    }

    /** GET /instances: the ids of every stored instance. */
    public List<String> instances() throws IOException, InterruptedException {
        return ids(get("/instances"));
    }

    /** Instances by SOP Class UID (an argument made of digits and dots) or else by Modality. */
    public List<String> findInstances(String sopClassUidOrModality) throws IOException, InterruptedException {
        String key = UID.matcher(sopClassUidOrModality).matches() ? "SOPClassUID" : "Modality";
        return findInstances(Map.of(key, sopClassUidOrModality));
    }

    /** POST /tools/find at the instance level; {@code query} maps DICOM keywords to Orthanc's matching values. */
    public List<String> findInstances(Map<String, String> query) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("Level", "Instance");
        body.put("Expand", false);
        ObjectNode q = body.putObject("Query");
        query.forEach(q::put);
        return ids(json(send(HttpRequest.newBuilder(uri("/tools/find"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), "POST /tools/find " + body)));
    }

    /** GET /instances/{id}/file into {@code to}, byte for byte as Orthanc stored it. */
    public Path download(String orthancId, Path to) throws IOException, InterruptedException {
        HttpResponse<Path> r = http.send(HttpRequest.newBuilder(uri("/instances/" + orthancId + "/file"))
                .timeout(REQUEST_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofFile(to));
        if (r.statusCode() != 200) {
            Files.deleteIfExists(to);
            throw new IllegalStateException("GET /instances/" + orthancId + "/file answered " + r.statusCode());
        }
        return to;
    }

    /** GET /instances/{id}/simplified-tags: DICOM keyword to value. */
    public JsonNode tags(String orthancId) throws IOException, InterruptedException {
        return get("/instances/" + orthancId + "/simplified-tags");
    }

    /** GET on the REST API, as JSON. */
    public JsonNode get(String path) throws IOException, InterruptedException {
        return json(send(HttpRequest.newBuilder(uri(path)).GET(), "GET " + path));
    }

    /** Polls {@link #instances()} until {@code done} holds for the list; fails after {@code within}. */
    public List<String> waitForInstances(Predicate<List<String>> done, Duration within) {
        return Await.until(() -> unchecked(this::instances), done, within, "Orthanc's instances");
    }

    /**
     * Polls GET /jobs?expand until every job (the sends of the auto-route among them) has ended, and returns them;
     * fails after {@code within}. Orthanc keeps a Lua send job open for a few seconds of inactivity after its last
     * instance.
     */
    public List<JsonNode> waitForJobs(Duration within) {
        List<JsonNode> jobs = Await.until(() -> unchecked(() -> list(get("/jobs?expand"))),
                all -> all.stream().allMatch(j -> Set.of("Success", "Failure").contains(j.path("State").asText())),
                within, "Orthanc's jobs to end");
        return jobs;
    }

    /** Stops Orthanc (SIGTERM, then SIGKILL after a bounded wait) and deletes its storage; the log stays. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        Path storage = directory.resolve("storage");
        if (Files.isDirectory(storage)) {
            try (Stream<Path> files = Files.walk(storage)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private void stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Waits until GET /system answers with this Orthanc's name and its DICOM port accepts a connection. False if the
     * process exited meanwhile; throws after {@link #START_TIMEOUT}.
     */
    private boolean awaitStarted(String name) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            if (answersAsItself(name) && dicomListening()) {
                return true;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Orthanc did not answer GET /system within " + START_TIMEOUT.toSeconds()
                + " s (" + directory + "); its log:\n" + tail(Files.readString(log, StandardCharsets.UTF_8), 40));
    }

    private boolean answersAsItself(String name) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(uri("/system")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && name.equals(JSON.readTree(r.body()).path("Name").asText());
        } catch (IOException notYet) {
            return false;
        }
    }

    private boolean dicomListening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), dicomPort), 1000);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private String send(HttpRequest.Builder request, String what) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    private static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    private static List<JsonNode> list(JsonNode array) {
        if (!(array instanceof ArrayNode)) {
            throw new IllegalStateException("expected a JSON array from Orthanc, got " + array);
        }
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static List<String> ids(JsonNode array) {
        return list(array).stream().map(JsonNode::asText).toList();
    }

    private interface IoCall<T> {
        T call() throws IOException, InterruptedException;
    }

    private static <T> T unchecked(IoCall<T> call) {
        try {
            return call.call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path executable() {
        String chosen = System.getProperty("vertreg.orthanc.executable");
        if (chosen != null) {
            if (!Files.isExecutable(Path.of(chosen))) {
                throw new IllegalStateException("vertreg.orthanc.executable=" + chosen + " is not an executable; bin/setup"
                        + " installs Orthanc (Debian package orthanc) as /usr/sbin/Orthanc");
            }
            return Path.of(chosen);
        }
        for (Path p : EXECUTABLES) {
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException("Orthanc is not installed (no executable " + EXECUTABLES
                + "): bin/setup installs it (Debian package orthanc)");
    }

    /**
     * {@code count} distinct ports the system reports free on every address (Orthanc binds the wildcard address), all
     * asked for before any is released.
     */
    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0);
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }

    private static String checkAeTitle(String value, String what) {
        if (value == null || !AE_TITLE.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " is not an AE title: " + value);
        }
        return value;
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
