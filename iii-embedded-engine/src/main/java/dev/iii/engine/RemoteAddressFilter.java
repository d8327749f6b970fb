package dev.iii.engine;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Carries the peer's IP address from the upgrade request to the WebSocket session ({@code ip_address} in the
 * worker listings): JSR-356 does not expose it, but the upgrade runs on the request's thread inside this
 * filter, where the endpoint configurator can pick it up.
 */
final class RemoteAddressFilter implements Filter {

    static final String USER_PROPERTY = "iii.remoteAddress";

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        CURRENT.set(request.getRemoteAddr());
        try {
            chain.doFilter(request, response);
        }
        finally {
            CURRENT.remove();
        }
    }

    /** Copies the address into the per-session endpoint configuration during the handshake. */
    static void copyInto(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        String address = CURRENT.get();
        if (address != null) {
            config.getUserProperties().put(USER_PROPERTY, address);
        }
    }
}
