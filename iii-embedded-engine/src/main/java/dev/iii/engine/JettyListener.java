package dev.iii.engine;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One Jetty server with one connector and one handler: the engine runs two of them, one for the worker socket and
 * one for the {@code http} trigger routes, each on its own port and with its own threads, named after it.
 */
final class JettyListener {

    /** Idle threads kept per listener: several engines may run in one JVM (tests). */
    private static final int MIN_THREADS = 2;
    private static final int MAX_THREADS = 200;

    private final String name;
    private final Server server;
    private final ServerConnector connector;

    /** @param tls the key and certificate to serve TLS with, or {@code null} for plain connections */
    JettyListener(String name, String host, int port, EngineTls tls) {
        this.name = name;
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
        threads.setName(name);
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        HttpConnectionFactory plain = new HttpConnectionFactory(http);
        connector = tls == null ? new ServerConnector(server, plain) : new ServerConnector(server,
                new SslConnectionFactory(sslContext(tls), HttpVersion.HTTP_1_1.asString()), plain);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        // Stopping drops open connections at once, as the real engine does on shutdown.
        server.setStopTimeout(0);
    }

    Server server() {
        return server;
    }

    void handler(Handler handler) {
        server.setHandler(handler);
    }

    void start() {
        try {
            server.start();
        }
        catch (Exception ex) {
            stop();
            throw new IllegalStateException("could not start " + name + ": " + ex.getMessage(), ex);
        }
    }

    int port() {
        return connector.getLocalPort();
    }

    void stop() {
        try {
            server.stop();
        }
        catch (Exception ex) {
            // Best effort: the process or test is ending anyway.
        }
    }

    private static SslContextFactory.Server sslContext(EngineTls tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(tls.keyStore());
        ssl.setKeyStorePassword(tls.password());
        ssl.setKeyManagerPassword(tls.password());
        return ssl;
    }
}
