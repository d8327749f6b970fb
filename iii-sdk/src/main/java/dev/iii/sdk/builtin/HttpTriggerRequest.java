package dev.iii.sdk.builtin;

import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a function bound to the {@code http} trigger receives: the request, with the body bound to
 * {@code T} (the engine parses it as JSON when the request's {@code Content-Type} is JSON, else it is
 * {@code null}).
 *
 * @param method      request method, upper case
 * @param path        the route pattern, e.g. {@code /orders/:id} (not the concrete path)
 * @param pathParams  values of the pattern's {@code :name} segments
 * @param queryParams one decoded value per query parameter
 * @param headers     lower-case header names, one value each
 * @param body        the JSON body, or {@code null}
 * @param <T>         body type
 */
public record HttpTriggerRequest<T>(String method, String path, @JsonProperty("path_params") Map<String, String> pathParams,
        @JsonProperty("query_params") Map<String, String> queryParams, Map<String, String> headers, T body) {

    public HttpTriggerRequest {
        pathParams = pathParams == null ? Map.of() : pathParams;
        queryParams = queryParams == null ? Map.of() : queryParams;
        headers = headers == null ? Map.of() : headers;
    }

    /** A path parameter, or {@code null}. */
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    /** A query parameter, or {@code null}. */
    public String queryParam(String name) {
        return queryParams.get(name);
    }

    /** A header by its lower-case name, or {@code null}. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
