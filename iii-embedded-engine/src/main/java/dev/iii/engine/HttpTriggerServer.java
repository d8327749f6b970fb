package dev.iii.engine;

import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;

/** The listener for {@code http} trigger routes, on its own port like the real {@code http} worker's. */
final class HttpTriggerServer {

    private final JettyListener listener;

    HttpTriggerServer(String name, String host, int port, HttpTriggerServlet servlet) {
        listener = new JettyListener(name, host, port, null);
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder holder = new ServletHolder("http-triggers", servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/");
        listener.handler(context);
    }

    void start() {
        listener.start();
    }

    int port() {
        return listener.port();
    }

    void stop() {
        listener.stop();
    }
}
