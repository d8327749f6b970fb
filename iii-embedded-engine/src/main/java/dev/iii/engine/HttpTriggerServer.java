package dev.iii.engine;

import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;

/** The listener for {@code http} trigger routes, on its own port like the real {@code http} worker's. */
final class HttpTriggerServer {

    private final TomcatListener listener;

    HttpTriggerServer(String name, String host, int port, HttpTriggerServlet servlet) {
        listener = new TomcatListener(name, host, port);
        Context context = listener.context();
        Wrapper wrapper = Tomcat.addServlet(context, "http-triggers", servlet);
        wrapper.setAsyncSupported(true);
        context.addServletMapping("/", "http-triggers");
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
