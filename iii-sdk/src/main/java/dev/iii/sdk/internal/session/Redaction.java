package dev.iii.sdk.internal.session;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Removes the worker's credentials (user info and query string of the engine URL, handshake header values)
 * from text that is logged or shown in health, such as the message of a connection failure, which may
 * quote the URL.
 */
public final class Redaction {

    private static final String MASK = "***";
    private static final int SHORTEST_SECRET = 3;

    private final List<String> secrets;

    public Redaction(URI url, Collection<String> headerValues) {
        List<String> found = new ArrayList<>();
        add(found, url.getRawUserInfo());
        add(found, url.getUserInfo());
        add(found, url.getRawQuery());
        add(found, url.getQuery());
        if (url.getRawQuery() != null) {
            for (String pair : url.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String value = eq >= 0 ? pair.substring(eq + 1) : pair;
                add(found, value);
                add(found, URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        for (String value : headerValues) {
            add(found, value);
            // "Bearer <token>", "Basic <credentials>": the credential alone is a secret too.
            add(found, value.substring(value.lastIndexOf(' ') + 1));
        }
        // Longest first, so that a secret containing another is masked whole.
        found.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(found);
    }

    /** {@code text} with every secret masked; {@code null} stays {@code null}. */
    public String clean(String text) {
        if (text == null) {
            return null;
        }
        String cleaned = text;
        for (String secret : secrets) {
            cleaned = cleaned.replace(secret, MASK);
        }
        return cleaned;
    }

    private static void add(List<String> secrets, String value) {
        if (value != null && value.length() >= SHORTEST_SECRET && !secrets.contains(value)) {
            secrets.add(value);
        }
    }
}
