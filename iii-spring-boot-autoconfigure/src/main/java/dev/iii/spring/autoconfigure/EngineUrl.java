package dev.iii.spring.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import dev.iii.spring.diagnostics.InvalidEngineUrlException;

/** The engine's WebSocket URL: checked before the worker is built, and shown without credentials. */
public final class EngineUrl {

    private EngineUrl() {
    }

    /**
     * The URL, if it is a {@code ws://} or {@code wss://} URL.
     *
     * @param source where it came from, for the message: a property name, or a bean
     * @throws InvalidEngineUrlException otherwise
     */
    public static URI parse(String url, String source) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.trim());
        }
        catch (URISyntaxException ex) {
            throw new InvalidEngineUrlException("<not a URL>", source, ex);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss") || uri.getHost() == null) {
            throw new InvalidEngineUrlException(redact(uri), source, null);
        }
        return uri;
    }

    /**
     * Query strings and user info may carry credentials: scheme, host, port and path only (as
     * {@code WorkerOptions.safeUrl()} shows a URL that is valid).
     */
    private static String redact(URI uri) {
        String port = uri.getPort() >= 0 ? ":" + uri.getPort() : "";
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return (uri.getScheme() == null ? "" : uri.getScheme() + "://") + (uri.getHost() == null ? "" : uri.getHost())
                + port + path;
    }
}
