package org.vertreg.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.audit.AuditConfig.Transport;

/** The transport the settings ask for, and settings that must stop the node's start rather than send without TLS. */
class SyslogTransportsTest {

    record Settings(Optional<String> syslogHost, OptionalInt syslogPort, String syslogAppName, Transport syslogTransport,
            Optional<String> syslogTrustStore, Optional<String> syslogTrustStorePassword, Optional<String> syslogKeyStore,
            Optional<String> syslogKeyStorePassword) implements AuditConfig {

        static Settings of(Transport transport) {
            return new Settings(Optional.of("arr.example"), OptionalInt.empty(), "vertreg", transport, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }

        Settings port(int port) {
            return new Settings(syslogHost, OptionalInt.of(port), syslogAppName, syslogTransport, syslogTrustStore, syslogTrustStorePassword,
                    syslogKeyStore, syslogKeyStorePassword);
        }

        Settings trustStore(String file) {
            return new Settings(syslogHost, syslogPort, syslogAppName, syslogTransport, Optional.of(file), Optional.of("changeit"),
                    syslogKeyStore, syslogKeyStorePassword);
        }

        Settings keyStore(String file, String password) {
            return new Settings(syslogHost, syslogPort, syslogAppName, syslogTransport, syslogTrustStore, syslogTrustStorePassword,
                    Optional.of(file), Optional.ofNullable(password));
        }
    }

    @TempDir
    Path dir;

    @Test
    void plainTcpUnlessTlsIsAskedFor() {
        assertInstanceOf(TcpSyslogTransport.class, SyslogTransports.from(Settings.of(Transport.TCP)));
    }

    @Test
    void eachTransportHasItsStandardPortUnlessOneIsSet() {
        assertEquals(601, SyslogTransports.port(Settings.of(Transport.TCP)));
        assertEquals(6514, SyslogTransports.port(Settings.of(Transport.TLS)));
        assertEquals(1514, SyslogTransports.port(Settings.of(Transport.TLS).port(1514)));
    }

    @Test
    void tlsWithoutATrustStoreIsRefused() {
        assertRefused("vertreg.audit.syslog-trust-store", Settings.of(Transport.TLS));
    }

    @Test
    void storesWithTcpAreRefusedRatherThanIgnored() {
        assertRefused("vertreg.audit.syslog-transport is tcp", Settings.of(Transport.TCP).trustStore("/etc/vertreg/arr-ca.p12"));
        assertRefused("vertreg.audit.syslog-transport is tcp", Settings.of(Transport.TCP).keyStore("/etc/vertreg/node.p12", "changeit"));
    }

    @Test
    void aKeyStoreWithoutPasswordIsRefused() {
        assertRefused("vertreg.audit.syslog-key-store-password",
                Settings.of(Transport.TLS).trustStore("/etc/vertreg/arr-ca.p12").keyStore("/etc/vertreg/node.p12", null));
    }

    @Test
    void aMissingTrustStoreIsRefusedNamingIt() {
        String missing = dir.resolve("arr-ca.p12").toString();
        assertRefused("audit syslog over TLS: trust store " + missing + " does not exist", Settings.of(Transport.TLS).trustStore(missing));
    }

    private static void assertRefused(String expected, Settings settings) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SyslogTransports.from(settings));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
