package dev.iii.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.modeler.Registry;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

/**
 * One embedded Tomcat with one connector and one root context: the engine runs two of them, one for the
 * worker socket and one for the {@code http} trigger routes, each on its own port.
 */
final class TomcatListener {

    /** Tomcat logs through java.util.logging; its start/stop chatter is not the engine's state. */
    private static final java.util.logging.Logger TOMCAT_LOG = java.util.logging.Logger.getLogger("org.apache");
    /** Its "thread not stopped" warnings are about the connector's own pool, stopped right after. */
    private static final java.util.logging.Logger LOADER_LOG =
            java.util.logging.Logger.getLogger("org.apache.catalina.loader.WebappClassLoaderBase");

    static {
        // No JMX beans: several engines may run in one JVM (tests), and nobody manages them over JMX.
        Registry.disableRegistry();
        TOMCAT_LOG.setLevel(java.util.logging.Level.WARNING);
        LOADER_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    private final Tomcat tomcat = new Tomcat();
    private final Connector connector = new Connector("HTTP/1.1");
    private final Path baseDir;
    private final Context context;

    TomcatListener(String name, String host, int port) {
        try {
            baseDir = Files.createTempDirectory("iii-engine-" + name);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        tomcat.setBaseDir(baseDir.toString());
        tomcat.getEngine().setName(name);
        tomcat.getService().setName(name);
        connector.setPort(port);
        connector.setProperty("address", host);
        connector.setThrowOnFailure(true);
        tomcat.setConnector(connector);
        context = tomcat.addContext("", baseDir.toString());
        if (context instanceof StandardContext standard) {
            // The engine's threads are its own business; the webapp leak checks only produce noise here.
            standard.setClearReferencesRmiTargets(false);
            standard.setClearReferencesThreadLocals(false);
        }
    }

    Context context() {
        return context;
    }

    /** Serves TLS with the key and certificate in {@code tls}; call before {@link #start()}. */
    void secure(EngineTls tls) {
        SSLHostConfig ssl = new SSLHostConfig();
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(ssl, SSLHostConfigCertificate.Type.UNDEFINED);
        certificate.setCertificateKeystore(tls.keyStore());
        certificate.setCertificateKeystorePassword(tls.password());
        certificate.setCertificateKeyPassword(tls.password());
        ssl.addCertificate(certificate);
        connector.setSecure(true);
        connector.setScheme("https");
        connector.setProperty("SSLEnabled", "true");
        connector.addSslHostConfig(ssl);
    }

    void start() {
        try {
            tomcat.start();
        }
        catch (LifecycleException ex) {
            stop();
            throw new IllegalStateException("could not start " + tomcat.getEngine().getName() + ": " + ex.getMessage(), ex);
        }
    }

    int port() {
        return connector.getLocalPort();
    }

    void stop() {
        try {
            tomcat.stop();
            tomcat.destroy();
        }
        catch (LifecycleException ex) {
            // Best effort: the process or test is ending anyway.
        }
        deleteBaseDir();
    }

    private void deleteBaseDir() {
        try (Stream<Path> files = Files.walk(baseDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException | UncheckedIOException ex) {
            // A leftover temp directory is harmless.
        }
    }
}
