package dev.iii.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates for TLS tests, made once per JVM with the JDK's {@code keytool}: key stores (PKCS12,
 * password {@link #PASSWORD}) for {@code 127.0.0.1} and for another host, a trust store that trusts both, and one
 * that trusts only the other host's. Shared with the starter's tests through this module's test jar.
 */
public final class TestCertificates {

    public static final String PASSWORD = "changeit";

    private static TestCertificates made;

    /** Key store of a certificate for {@code 127.0.0.1}. */
    public final Path loopback;
    /** Key store of a certificate for {@code wrong.example}. */
    public final Path wrongHost;
    /** Trust store trusting both certificates. */
    public final Path trust;
    /** Trust store trusting only the {@code wrong.example} certificate: the loopback one is untrusted. */
    public final Path trustWrongHostOnly;

    private TestCertificates(Path dir) throws Exception {
        loopback = dir.resolve("loopback.p12");
        wrongHost = dir.resolve("wrong-host.p12");
        trust = dir.resolve("trust.p12");
        trustWrongHostOnly = dir.resolve("trust-wrong-host-only.p12");
        keytool("-genkeypair", "-alias", "engine", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-keystore", loopback.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-genkeypair", "-alias", "engine", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=wrong.example", "-ext", "SAN=dns:wrong.example", "-keystore", wrongHost.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD);
        for (Path store : List.of(loopback, wrongHost)) {
            Path certificate = dir.resolve(store.getFileName() + ".cer");
            keytool("-exportcert", "-alias", "engine", "-keystore", store.toString(), "-storepass", PASSWORD,
                    "-file", certificate.toString());
            keytool("-importcert", "-noprompt", "-alias", store.getFileName().toString(), "-file",
                    certificate.toString(), "-keystore", trust.toString(), "-storetype", "PKCS12", "-storepass",
                    PASSWORD);
            if (store.equals(wrongHost)) {
                keytool("-importcert", "-noprompt", "-alias", "wrong-host", "-file", certificate.toString(),
                        "-keystore", trustWrongHostOnly.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
            }
        }
    }

    public static synchronized TestCertificates get() throws Exception {
        if (made == null) {
            made = new TestCertificates(Files.createTempDirectory("iii-test-certificates"));
        }
        return made;
    }

    /** A client context that trusts both certificates. */
    public SSLContext trustingBoth() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trust)) {
            store.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context;
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", arguments) + " failed: " + output);
        }
    }
}
