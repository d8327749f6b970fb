package dev.iii.sdk.function;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Makes a function HTTP-invoked: the engine calls this URL instead of sending the invocation to the worker
 * (wire specification §12). The engine validates the URL when the function is registered and only logs
 * what it refuses.
 *
 * @param url     endpoint the engine calls
 * @param method  {@code GET}, {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE}; {@code null} means POST
 * @param timeout request timeout, or {@code null} for the engine's default
 * @param headers extra request headers; optional
 * @param auth    how the engine authenticates to the endpoint; optional
 */
public record HttpInvocation(String url, String method, Duration timeout, Map<String, String> headers, Auth auth) {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    public HttpInvocation {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("an HTTP-invoked function needs a url");
        }
        // The engine drops the whole registration for any other spelling.
        if (method != null && !METHODS.contains(method)) {
            throw new IllegalArgumentException("method must be one of " + METHODS + ", was '" + method + "'");
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        headers = headers == null ? null : Map.copyOf(headers);
    }

    /** A POST to {@code url}, without extra headers or authentication. */
    public static HttpInvocation post(String url) {
        return new HttpInvocation(url, null, null, null, null);
    }

    /**
     * Authentication for an HTTP-invoked function. Each {@code *Env} names an environment variable on the
     * ENGINE's host, read once at registration: the secret never travels through the worker.
     *
     * @param type      {@code hmac}, {@code bearer} or {@code api_key}
     * @param secretEnv for {@code hmac}: variable holding the signing secret
     * @param tokenEnv  for {@code bearer}: variable holding the token
     * @param header    for {@code api_key}: header name
     * @param valueEnv  for {@code api_key}: variable holding the header value
     */
    public record Auth(String type, String secretEnv, String tokenEnv, String header, String valueEnv) {

        public Auth {
            if (!Set.of("hmac", "bearer", "api_key").contains(type)) {
                throw new IllegalArgumentException("auth type must be hmac, bearer or api_key, was '" + type + "'");
            }
        }

        /** HMAC-SHA256 request signatures with the secret in the engine's environment variable {@code secretEnv}. */
        public static Auth hmac(String secretEnv) {
            return new Auth("hmac", required(secretEnv, "secretEnv"), null, null, null);
        }

        /** {@code Authorization: Bearer} with the token in the engine's environment variable {@code tokenEnv}. */
        public static Auth bearer(String tokenEnv) {
            return new Auth("bearer", null, required(tokenEnv, "tokenEnv"), null, null);
        }

        /** A header whose value is in the engine's environment variable {@code valueEnv}. */
        public static Auth apiKey(String header, String valueEnv) {
            return new Auth("api_key", null, null, required(header, "header"), required(valueEnv, "valueEnv"));
        }

        private static String required(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }
    }
}
