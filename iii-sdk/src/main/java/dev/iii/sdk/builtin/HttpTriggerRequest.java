package dev.iii.sdk.builtin;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.iii.sdk.channel.ChannelReader;
import dev.iii.sdk.channel.ChannelWriter;

/**
 * What a function bound to the {@code http} trigger receives: the request, with the body bound to
 * {@code T} (the engine parses it as JSON when the request's {@code Content-Type} is JSON, else it is
 * {@code null}), the raw body as a stream for any content type, and the channel a response can be streamed into.
 *
 * @param method      request method, upper case
 * @param path        the route pattern, e.g. {@code /orders/:id} (not the concrete path)
 * @param pathParams  values of the pattern's {@code :name} segments
 * @param queryParams one decoded value per query parameter
 * @param headers     lower-case header names, one value each
 * @param body        the JSON body, or {@code null}
 * @param requestBody the raw request body, whatever its content type (a multipart upload, a file, JSON too), as
 *                    an {@code InputStream}; {@code null} from an engine without data channels
 * @param response    where a streamed response goes: {@link #startResponse} sends its status and headers;
 *                    {@code null} from an engine without data channels
 * @param <T>         body type
 */
public record HttpTriggerRequest<T>(String method, String path, @JsonProperty("path_params") Map<String, String> pathParams,
        @JsonProperty("query_params") Map<String, String> queryParams, Map<String, String> headers, T body,
        @JsonProperty("request_body") ChannelReader requestBody, ChannelWriter response) {

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

    /**
     * Starts a streamed response: sends the status and headers on {@link #response()} and returns it for the
     * body. The engine answers the HTTP request with them once the first body bytes arrive (or the response is
     * closed); close it to end the body. Return no value from the function (a value returned before any body
     * byte would be the response instead).
     *
     * @throws IllegalStateException when the engine sent no response channel
     */
    public ChannelWriter startResponse(int statusCode, Map<String, String> headers) throws IOException {
        if (response == null) {
            throw new IllegalStateException("the engine sent this request without a response channel");
        }
        HttpResponseHead.send(response, statusCode, headers);
        return response;
    }
}
