package dev.iii.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;

/**
 * A handler's result read as an HTTP response: {@code status_code} (default 200), {@code headers} (object of
 * strings or array of {@code "Name: value"}), {@code body} (default {@code {}}), encoded by the real engine's
 * rules: with a handler-set Content-Type a string body is sent raw and {@code null} as empty, a non-JSON type
 * gets the JSON text; otherwise the body is JSON.
 *
 * @param status  HTTP status
 * @param headers response headers in order
 * @param body    the body value
 */
record HttpResponseEnvelope(int status, List<Map.Entry<String, String>> headers, JsonNode body) {

    static HttpResponseEnvelope from(JsonNode result) {
        int status = 200;
        JsonNode code = result.get("status_code");
        if (code != null && code.isIntegralNumber() && code.canConvertToInt() && code.asInt() >= 100
                && code.asInt() <= 999) {
            status = code.asInt();
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        JsonNode headerNode = result.get("headers");
        if (headerNode != null && headerNode.isObject()) {
            for (Map.Entry<String, JsonNode> header : headerNode.properties()) {
                if (header.getValue().isString()) {
                    headers.add(Map.entry(header.getKey(), header.getValue().asString()));
                }
            }
        }
        else if (headerNode != null && headerNode.isArray()) {
            for (JsonNode line : headerNode) {
                if (line.isString()) {
                    int colon = line.asString().indexOf(':');
                    String name = colon < 0 ? "" : line.asString().substring(0, colon).strip();
                    if (!name.isEmpty()) {
                        headers.add(Map.entry(name, line.asString().substring(colon + 1).strip()));
                    }
                }
            }
        }
        JsonNode body = result.has("body") ? result.get("body") : EngineJson.object();
        return new HttpResponseEnvelope(status, headers, body);
    }

    void write(HttpServletResponse response) throws IOException {
        String contentType = null;
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase("content-type")) {
                contentType = header.getValue();
            }
        }
        byte[] bytes;
        if (contentType != null && body.isString()) {
            bytes = body.asString().getBytes(StandardCharsets.UTF_8);
        }
        else if (contentType != null && body.isNull()) {
            bytes = new byte[0];
        }
        else {
            bytes = EngineJson.compact(body).getBytes(StandardCharsets.UTF_8);
            if (contentType == null) {
                response.setContentType("application/json");
            }
        }
        response.setStatus(status);
        for (Map.Entry<String, String> header : headers) {
            response.addHeader(header.getKey(), header.getValue());
        }
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    static void writeJson(HttpServletResponse response, int status, JsonNode body) throws IOException {
        new HttpResponseEnvelope(status, List.of(), body).write(response);
    }
}
