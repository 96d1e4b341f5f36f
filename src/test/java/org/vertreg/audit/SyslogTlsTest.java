package org.vertreg.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vertreg.audit.SyslogForwarderTest.first;
import static org.vertreg.audit.SyslogForwarderTest.freePort;
import static org.vertreg.audit.SyslogForwarderTest.waiting;
import static org.vertreg.audit.SyslogForwarderTest.xmlOf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vertreg.audit.SyslogForwarderTest.Collector;
import org.vertreg.testing.Await;
import org.w3c.dom.Document;

/**
 * Audit messages over TLS (RFC 5425) to collectors this test runs, both sides authenticated with self-signed
 * certificates that the JDK's keytool makes for the test.
 */
class SyslogTlsTest {
    private static final String PASSWORD = "changeit";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T10:11:12.345Z"), ZoneOffset.UTC);
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @TempDir
    static Path stores;
    @TempDir
    Path spool;

    /**
     * The collector's certificate; a stranger's naming the same host, which the node does not trust; one the node
     * trusts but which names another host; the node's own. Each side's trust store holds the other's certificate.
     */
    @BeforeAll
    static void certificates() throws Exception {
        keyPair("collector.p12", "CN=localhost", "SAN=ip:127.0.0.1,dns:localhost");
        keyPair("stranger.p12", "CN=stranger", "SAN=ip:127.0.0.1,dns:localhost");
        keyPair("elsewhere.p12", "CN=elsewhere.example", "SAN=dns:elsewhere.example");
        keyPair("node.p12", "CN=node-1", "SAN=dns:node-1");
        trust("node-trusts.p12", "collector.p12", "elsewhere.p12");
        trust("collector-trusts.p12", "node.p12");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void messagesArriveOverTlsFromTheNodeItsCertificateNames(String protocol) throws Exception {
        try (Collector collector = tlsCollector("collector.p12", 0, protocol);
             SyslogForwarder forwarder = forwarder("127.0.0.1", collector.port(), true)) {
            forwarder.forward("VERTREG", "INSTANCE_STORED", AuditOutcome.SUCCESS, "CARM", "/127.0.0.1:48250", "1.2.3.4", "1.2.3", null);
            Await.until(() -> collector.messages.size(), n -> n == 1, WITHIN, "the first audit message");
            forwarder.forward("VERTREG", "ASSOCIATION_REFUSED", AuditOutcome.REFUSED, "STRANGER", "/10.0.0.9:4000", null, null,
                    "calling AE title <STRANGER> not allowed & refused");
            Await.until(() -> collector.messages.size(), n -> n == 2, WITHIN, "the second, on the same connection");

            Document stored = xmlOf(collector.messages.get(0));
            assertEquals("INSTANCE_STORED", first(stored, "EventTypeCode").getAttribute("csd-code"));
            assertEquals("CARM", first(stored, "ActiveParticipant").getAttribute("UserID"));
            assertEquals("1.2.3", first(stored, "ParticipantObjectIdentification").getAttribute("ParticipantObjectID"));
            assertEquals("calling AE title <STRANGER> not allowed & refused",
                    first(xmlOf(collector.messages.get(1)), "EventOutcomeDescription").getTextContent());
            assertEquals(List.of("CN=node-1 over " + protocol), collector.clients, "one connection, the node's certificate shown");
            Await.until(() -> waiting(forwarder), n -> n == 0, WITHIN, "sent messages leave the spool");
        }
    }

    @Test
    void messagesWaitInTheSpoolWhileTheCollectorIsDownAndArriveInOrder() throws Exception {
        int port = freePort();
        try (SyslogForwarder forwarder = forwarder("localhost", port, true)) {
            for (int i = 1; i <= 3; i++) {
                forwarder.forward("VERTREG", "JOB_RETRIED", AuditOutcome.SUCCESS, "api", null, "1.2.3." + i, null, "job " + i);
            }
            assertEquals(3, forwarder.pending().size(), "no collector yet: all three on disk");

            try (Collector collector = tlsCollector("collector.p12", port)) {
                Await.until(() -> collector.messages.size(), n -> n == 3, WITHIN, "the waiting messages, once it is up");
                for (int i = 1; i <= 3; i++) {
                    assertEquals("job " + i, first(xmlOf(collector.messages.get(i - 1)), "EventOutcomeDescription").getTextContent(), "in order");
                }
                Await.until(() -> waiting(forwarder), n -> n == 0, WITHIN, "an empty spool");
            }
        }
    }

    /** Two refused handshakes: the message was tried, kept, and tried again. */
    @ParameterizedTest
    @ValueSource(strings = {"stranger.p12", "elsewhere.p12"})
    void aCollectorTheNodeCannotVerifyGetsNothingAndTheMessageWaitsForOneItCan(String certificate) throws Exception {
        int port = freePort();
        try (SyslogForwarder forwarder = forwarder("127.0.0.1", port, true)) {
            Collector impostor = tlsCollector(certificate, port);
            try (impostor) {
                forwarder.forward("VERTREG", "INSTANCE_STORED", AuditOutcome.SUCCESS, "CARM", null, "1.2.3.4", "1.2.3", "kept");
                Await.until(() -> impostor.refusals.size(), n -> n >= 2, WITHIN, "two refused handshakes");
                assertEquals(List.of(), impostor.clients);
                assertEquals(List.of(), impostor.messages);
                assertEquals(1, forwarder.pending().size(), "the message stays in the spool");
            }
            Await.until(() -> !impostor.thread.isAlive(), down -> down, WITHIN, "the impostor gone");

            try (Collector collector = tlsCollector("collector.p12", port)) {
                Await.until(() -> collector.messages.size(), n -> n == 1, WITHIN, "the kept message at the trusted collector");
                assertEquals("kept", first(xmlOf(collector.messages.get(0)), "EventOutcomeDescription").getTextContent());
                Await.until(() -> waiting(forwarder), n -> n == 0, WITHIN, "an empty spool");
            }
        }
    }

    /** Over TLS 1.3 the refusal comes after the node's side of the handshake is done; the message must still wait. */
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aCollectorRequiringClientAuthenticationRefusesANodeWithoutCertificate(String protocol) throws Exception {
        try (Collector collector = tlsCollector("collector.p12", 0, protocol);
             SyslogForwarder forwarder = forwarder("127.0.0.1", collector.port(), false)) {
            forwarder.forward("VERTREG", "INSTANCE_STORED", AuditOutcome.SUCCESS, "CARM", null, "1.2.3.4", "1.2.3", null);
            Await.until(() -> collector.refusals.size(), n -> n >= 2, WITHIN, "two refused handshakes");
            assertEquals(List.of(), collector.messages);
            assertEquals(1, forwarder.pending().size(), "the message stays in the spool");
        }
    }

    @Test
    void unusableStoresAreRefusedNamingTheStore() throws Exception {
        Path missing = stores.resolve("missing.p12");
        assertRefused(missing + " does not exist", () -> SyslogTlsContext.load(missing, PASSWORD, null, null));
        Path trust = stores.resolve("node-trusts.p12");
        assertRefused(trust + ": wrong password", () -> SyslogTlsContext.load(trust, "not-it", null, null));
        assertRefused(trust + " holds no certificate", () -> SyslogTlsContext.load(trust, null, null, null));
        Path own = stores.resolve("node.p12");
        assertRefused(own + ": wrong password", () -> SyslogTlsContext.load(trust, PASSWORD, own, "not-it"));
        assertRefused(trust + " holds no private key", () -> SyslogTlsContext.load(trust, PASSWORD, trust, PASSWORD));
        Path text = Files.writeString(stores.resolve("not-a-store.p12"), "-----BEGIN CERTIFICATE-----\n", StandardCharsets.US_ASCII);
        assertRefused(text + " is not a readable PKCS12 store", () -> SyslogTlsContext.load(text, PASSWORD, null, null));
    }

    private static void assertRefused(String expected, org.junit.jupiter.api.function.Executable load) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, load);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** A collector showing {@code keyStore}'s certificate and requiring the node's; {@code protocols}: only these. */
    private static Collector tlsCollector(String keyStore, int port, String... protocols) throws IOException {
        SSLContext context = SyslogTlsContext.load(stores.resolve("collector-trusts.p12"), PASSWORD, stores.resolve(keyStore), PASSWORD);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        server.setNeedClientAuth(true);
        if (protocols.length > 0) {
            server.setEnabledProtocols(protocols);
        }
        return new Collector(Collector.bound(server, port));
    }

    /** @param showsCertificate whether the node has its key store */
    private SyslogForwarder forwarder(String host, int port, boolean showsCertificate) throws IOException {
        SSLContext context = SyslogTlsContext.load(stores.resolve("node-trusts.p12"), PASSWORD,
                showsCertificate ? stores.resolve("node.p12") : null, showsCertificate ? PASSWORD : null);
        return new SyslogForwarder(new TlsSyslogTransport(context), host, port, spool, "node-1", "vertreg", CLOCK);
    }

    private static void keyPair(String store, String subject, String alternativeNames) throws Exception {
        keytool("-genkeypair", "-alias", "key", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", subject, "-ext", alternativeNames,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", stores.resolve(store).toString(), "-storepass", PASSWORD);
    }

    /** {@code trustStore} holding the certificates of {@code keyStores}. */
    private static void trust(String trustStore, String... keyStores) throws Exception {
        for (String keyStore : keyStores) {
            Path certificate = stores.resolve(keyStore + ".cer");
            keytool("-exportcert", "-alias", "key", "-keystore", stores.resolve(keyStore).toString(), "-storepass", PASSWORD,
                    "-file", certificate.toString());
            keytool("-importcert", "-noprompt", "-alias", keyStore, "-file", certificate.toString(), "-storetype", "PKCS12",
                    "-keystore", stores.resolve(trustStore).toString(), "-storepass", PASSWORD);
        }
    }

    private static void keytool(String... arguments) throws Exception {
        Path beside = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new ArrayList<>(List.of(Files.isExecutable(beside) ? beside.toString() : "keytool"));
        command.addAll(List.of(arguments));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), "keytool " + String.join(" ", arguments) + ":\n" + output);
    }
}
