package org.vertreg.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context of the syslog connections, from PKCS12 stores: the certificates (or CAs) of the collectors the node
 * trusts, and optionally the node's own key and certificate for client authentication. A store that cannot be used is
 * an {@link IllegalArgumentException} naming it, so that the node does not start rather than send without TLS.
 */
public final class SyslogTlsContext {
    private SyslogTlsContext() {
    }

    /**
     * @param keyStore null: the node shows no certificate, and collectors that require one refuse it
     */
    public static SSLContext load(Path trustStore, String trustStorePassword, Path keyStore, String keyStorePassword) {
        KeyStore trusted = read("trust store", trustStore, trustStorePassword);
        try {
            if (Collections.list(trusted.aliases()).stream().noneMatch(a -> isCertificate(trusted, a))) {
                throw new IllegalArgumentException("trust store " + trustStore + " holds no certificate (or its password is missing)");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyStore == null ? null : keyManagers(keyStore, keyStorePassword), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS context for syslog not made: " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(Path file, String password) throws GeneralSecurityException {
        KeyStore own = read("key store", file, password);
        if (Collections.list(own.aliases()).stream().noneMatch(a -> isKey(own, a))) {
            throw new IllegalArgumentException("key store " + file + " holds no private key with its certificate");
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        try {
            keys.init(own, chars(password));
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException("key store " + file + ": its key does not open with the store's password", e);
        }
        return keys.getKeyManagers();
    }

    private static KeyStore read(String what, Path file, String password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, chars(password));
            return store;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(what + " " + file + " does not exist", e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalArgumentException(what + " " + file + ": wrong password", e);
            }
            throw new IllegalArgumentException(what + " " + file + " is not a readable PKCS12 store: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(what + " " + file + " is not a usable PKCS12 store: " + e.getMessage(), e);
        }
    }

    private static boolean isCertificate(KeyStore store, String alias) {
        try {
            return store.getCertificate(alias) != null;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias) && store.getCertificate(alias) != null;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }
}
