package dev.iii.bench.containers;

import java.nio.file.Path;

import jakarta.servlet.http.HttpServlet;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A process serving {@link Sink} at {@code /sink} on a random loopback port, on Tomcat or on Jetty; prints
 * {@code READY <port>} and serves until it is killed. Arguments: {@code tomcat|jetty}.
 */
public final class SinkServer {

    private SinkServer() {
    }

    public static void main(String[] args) throws Exception {
        ServerEndpointConfig sink = ServerEndpointConfig.Builder.create(Sink.class, "/sink").build();
        int port = switch (args[0]) {
            case "tomcat" -> tomcat(sink);
            case "jetty" -> jetty(sink);
            default -> throw new IllegalArgumentException("unknown server " + args[0]);
        };
        System.out.println("READY " + port);
        System.out.flush();
        Thread.currentThread().join();
    }

    private static int tomcat(ServerEndpointConfig sink) throws Exception {
        Tomcat tomcat = new Tomcat();
        // One work directory for every run, so that killed sinks leave nothing behind them.
        tomcat.setBaseDir(Path.of(System.getProperty("java.io.tmpdir"), "iii-container-sink").toString());
        Connector connector = new Connector();
        connector.setProperty("address", "127.0.0.1");
        connector.setPort(0);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        context.addServletContainerInitializer(new WsSci(), null);
        context.addServletContainerInitializer((classes, servletContext) -> {
            try {
                ((ServerContainer) servletContext.getAttribute(ServerContainer.class.getName())).addEndpoint(sink);
            }
            catch (DeploymentException ex) {
                throw new IllegalStateException(ex);
            }
        }, null);
        // Tomcat's WebSocket filter upgrades only requests that a servlet is mapped to.
        Tomcat.addServlet(context, "none", new HttpServlet() {
            private static final long serialVersionUID = 1L;
        });
        context.addServletMappingDecoded("/", "none");
        tomcat.start();
        return connector.getLocalPort();
    }

    private static int jetty(ServerEndpointConfig sink) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        server.setHandler(context);
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            container.setDefaultMaxBinaryMessageBufferSize(Sink.MESSAGE_BUFFER);
            container.addEndpoint(sink);
        });
        server.start();
        return connector.getLocalPort();
    }
}
