package dev.iii.spring.autoconfigure;

import java.util.Map;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.ssl.SslBundle;

/**
 * Where the worker connects: the engine URL, the handshake headers and, for {@code wss://}, the SSL bundle.
 * Backed by {@code iii.url}, {@code iii.headers.*} and {@code iii.ssl.bundle} unless a bean of this type says
 * otherwise (the test support and the development-time engine do).
 */
public interface IIIConnectionDetails extends ConnectionDetails {

    /** Engine WebSocket URL. */
    String getUrl();

    /** Extra HTTP headers on the WebSocket handshake. */
    default Map<String, String> getHeaders() {
        return Map.of();
    }

    /** The SSL bundle of a {@code wss://} connection, or {@code null} for the JVM's default trust store. */
    default SslBundle getSslBundle() {
        return null;
    }
}
