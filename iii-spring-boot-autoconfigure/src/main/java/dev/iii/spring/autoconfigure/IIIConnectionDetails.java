package dev.iii.spring.autoconfigure;

import java.util.Map;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the worker connects: the engine URL and the handshake headers. Backed by {@code iii.url} and
 * {@code iii.headers.*} unless a bean of this type says otherwise (the test support and the development-time
 * engine do).
 */
public interface IIIConnectionDetails extends ConnectionDetails {

    /** Engine WebSocket URL. */
    String getUrl();

    /** Extra HTTP headers on the WebSocket handshake. */
    default Map<String, String> getHeaders() {
        return Map.of();
    }
}
