package dev.iii.protocol;

import java.util.Map;
import java.util.Set;

/**
 * The {@code invocation} member of {@link RegisterFunction}: the engine calls this URL instead of
 * sending {@code invokefunction} to the worker.
 *
 * @param url       endpoint the engine calls
 * @param method    {@code GET}, {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE}; absent means POST
 * @param timeoutMs request timeout in milliseconds, optional
 * @param headers   extra request headers, optional
 * @param auth      how the engine authenticates to the endpoint, optional
 */
public record HttpInvocationRef(String url, String method, Long timeoutMs, Map<String, String> headers,
        HttpAuth auth) {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    public HttpInvocationRef {
        Fields.requiredText(url, "url");
        // The engine drops the whole registerfunction frame for any other spelling.
        if (method != null && !METHODS.contains(method)) {
            throw new IllegalArgumentException("invocation method must be one of " + METHODS + ", was '" + method + "'");
        }
        headers = headers == null ? null : Map.copyOf(headers);
    }

    /**
     * Authentication for an HTTP-invoked function. The {@code *Key} members name environment variables
     * on the engine host, read once at registration.
     *
     * @param type      {@code hmac}, {@code bearer} or {@code api_key}
     * @param secretKey for {@code hmac}: variable holding the signing secret
     * @param tokenKey  for {@code bearer}: variable holding the token
     * @param header    for {@code api_key}: header name
     * @param valueKey  for {@code api_key}: variable holding the header value
     */
    public record HttpAuth(String type, String secretKey, String tokenKey, String header, String valueKey) {
        public HttpAuth {
            Fields.required(type, "type");
            if (!Set.of("hmac", "bearer", "api_key").contains(type)) {
                throw new IllegalArgumentException("auth type must be hmac, bearer or api_key, was '" + type + "'");
            }
        }

        /** HMAC-SHA256 request signatures with the secret in the engine's environment variable {@code secretEnv}. */
        public static HttpAuth hmac(String secretEnv) {
            return new HttpAuth("hmac", Fields.requiredText(secretEnv, "secret_key"), null, null, null);
        }

        /** {@code Authorization: Bearer} with the token in the engine's environment variable {@code tokenEnv}. */
        public static HttpAuth bearer(String tokenEnv) {
            return new HttpAuth("bearer", null, Fields.requiredText(tokenEnv, "token_key"), null, null);
        }

        /** A header whose value is in the engine's environment variable {@code valueEnv}. */
        public static HttpAuth apiKey(String header, String valueEnv) {
            return new HttpAuth("api_key", null, null, Fields.requiredText(header, "header"),
                    Fields.requiredText(valueEnv, "value_key"));
        }
    }
}
