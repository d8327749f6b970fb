package dev.iii.sdk.builtin;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.iii.sdk.channel.ChannelWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The head of a response streamed on an {@code http} trigger's response channel (wire specification §6.1): a
 * {@code set_status} and a {@code set_headers} text message, sent before the first body bytes.
 */
public final class HttpResponseHead {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpResponseHead() {
    }

    /**
     * Sends {@code {"type":"set_status","status_code":N}} and, when there are headers,
     * {@code {"type":"set_headers","headers":{..}}}.
     *
     * @throws IllegalArgumentException for a status outside 100-599 (the engine ignores those)
     */
    public static void send(ChannelWriter response, int statusCode, Map<String, String> headers) throws IOException {
        if (statusCode < 100 || statusCode > 599) {
            throw new IllegalArgumentException("an HTTP status is between 100 and 599, was " + statusCode);
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("type", "set_status");
        status.put("status_code", statusCode);
        response.sendMessage(JSON.writeValueAsString(status));
        if (headers != null && !headers.isEmpty()) {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("type", "set_headers");
            message.put("headers", headers);
            response.sendMessage(JSON.writeValueAsString(message));
        }
    }
}
