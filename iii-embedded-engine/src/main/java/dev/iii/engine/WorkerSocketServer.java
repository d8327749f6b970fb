package dev.iii.engine;

import java.time.Duration;
import java.util.List;

import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.http.pathmap.ServletPathSpec;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.server.WebSocketCreator;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;

/**
 * The listener for worker sockets: {@code /} for workers, {@code /otel} for telemetry and {@code /ws/channels/{id}}
 * for the ends of data channels, on Jetty's WebSocket core (see {@link EngineSocket}). Any other request is a 404.
 * <p>
 * The upgrade is answered as the real engine answers it: it has no WebSocket compression, so an offered
 * {@code permessage-deflate} (the Node SDK offers it) is declined, and no other extension is negotiated either.
 * Sockets never time out for being idle; the SDKs ping.
 */
final class WorkerSocketServer {

    /** Frames are delivered in parts of at most this size, however large a frame the peer sends. */
    static final int FRAME_PART = 64 * 1024;

    private final JettyListener listener;

    /** @param tls the key and certificate for {@code wss://}, or {@code null} for plain {@code ws://} */
    WorkerSocketServer(String name, String host, int port, EngineTls tls, EngineCore core) {
        listener = new JettyListener(name, host, port, tls);
        listener.handler(new WebSocketUpgradeHandler(upgrades -> {
            upgrades.getConfiguration().setIdleTimeout(Duration.ZERO);
            upgrades.getConfiguration().setMaxFrameSize(FRAME_PART);
            // Reads as large as a frame part (Jetty reads 4 KiB at a time by default), so that a part seldom needs
            // more than one read, and one read seldom more than one part.
            upgrades.getConfiguration().setInputBufferSize(FRAME_PART);
            upgrades.getConfiguration().setAutoFragment(true);
            // "" is the servlet path spec that matches "/" and nothing else.
            map(upgrades, new ServletPathSpec(""),
                    (request, response, callback) -> new WorkerSocket(core, Request.getRemoteAddr(request)));
            map(upgrades, new ServletPathSpec("/otel"), (request, response, callback) -> new TelemetrySocket(core));
            map(upgrades, new ServletPathSpec(ChannelUpgrade.PATH + "*"), new ChannelUpgrade(core));
        }));
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

    /**
     * Maps {@code creator}, which returns one of the engine's sockets (Jetty frame handlers themselves), with no
     * extension negotiated on any upgrade it accepts.
     */
    private static void map(WebSocketUpgradeHandler upgrades, PathSpec path, WebSocketCreator creator) {
        WebSocketCreator withoutExtensions = (request, response, callback) -> {
            response.setExtensions(List.of());
            return creator.createWebSocket(request, response, callback);
        };
        upgrades.addMapping(path, WebSocketNegotiator.from(withoutExtensions,
                (socket, request, response) -> (FrameHandler) socket));
    }
}
