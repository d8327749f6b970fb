package dev.iii.engine;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * The listener for worker sockets: {@code /} for workers, {@code /otel} for telemetry and
 * {@code /ws/channels/{id}} for the ends of data channels.
 */
final class WorkerSocketServer {

    private final TomcatListener listener;

    /** @param tls the key and certificate for {@code wss://}, or {@code null} for plain {@code ws://} */
    WorkerSocketServer(String name, String host, int port, EngineTls tls, EngineCore core) {
        listener = new TomcatListener(name, host, port);
        if (tls != null) {
            listener.secure(tls);
        }
        Context context = listener.context();
        FilterDef filter = new FilterDef();
        filter.setFilterName("remote-address");
        filter.setFilter(new RemoteAddressFilter());
        context.addFilterDef(filter);
        FilterMap mapping = new FilterMap();
        mapping.setFilterName("remote-address");
        mapping.addURLPattern("/*");
        context.addFilterMap(mapping);
        FilterDef channels = new FilterDef();
        channels.setFilterName("channel-upgrade");
        channels.setFilter(new ChannelUpgradeFilter(core.channels));
        context.addFilterDef(channels);
        FilterMap channelMapping = new FilterMap();
        channelMapping.setFilterName("channel-upgrade");
        channelMapping.addURLPattern(ChannelUpgradeFilter.PATH + "*");
        context.addFilterMap(channelMapping);
        context.addServletContainerInitializer(new WsSci(), null);
        context.addServletContainerInitializer(new EndpointRegistrar(core), null);
        // Upgrades happen in Tomcat's WebSocket filter; a servlet must still be mapped for the filter to run.
        Tomcat.addServlet(context, "not-found", new NotFoundServlet());
        context.addServletMapping("/", "not-found");
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

    /** Adds the endpoints once Tomcat's WebSocket container exists. */
    private record EndpointRegistrar(EngineCore core) implements ServletContainerInitializer {

        @Override
        public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
            ServerContainer container = (ServerContainer) context.getAttribute(ServerContainer.class.getName());
            try {
                container.addEndpoint(ServerEndpointConfig.Builder.create(WorkerSocketEndpoint.class, "/")
                        .configurator(new EngineEndpointConfigurator(() -> new WorkerSocketEndpoint(core)))
                        .build());
                container.addEndpoint(ServerEndpointConfig.Builder.create(TelemetrySocketEndpoint.class, "/otel")
                        .configurator(new EngineEndpointConfigurator(() -> new TelemetrySocketEndpoint(core)))
                        .build());
                container.addEndpoint(ServerEndpointConfig.Builder.create(ChannelSocketEndpoint.class,
                        ChannelUpgradeFilter.PATH + "{id}")
                        .configurator(new EngineEndpointConfigurator(() -> new ChannelSocketEndpoint(core)))
                        .build());
            }
            catch (DeploymentException ex) {
                throw new ServletException(ex);
            }
        }
    }

    /**
     * Creates the engine's endpoint instances and answers the upgrade as the real engine does: it has no
     * WebSocket compression, so an offered {@code permessage-deflate} (the Node SDK offers it) is declined, and
     * no other extension is negotiated either.
     */
    private static final class EngineEndpointConfigurator extends ServerEndpointConfig.Configurator {

        private final Supplier<Endpoint> endpoints;

        EngineEndpointConfigurator(Supplier<Endpoint> endpoints) {
            this.endpoints = endpoints;
        }

        @Override
        public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
            return List.of();
        }

        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            RemoteAddressFilter.copyInto(sec, request, response);
        }

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            return endpointClass.cast(endpoints.get());
        }
    }

    private static final class NotFoundServlet extends HttpServlet {

        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
