package dev.iii.sdk.builtin;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a function bound to the {@code http} trigger returns to set the status and headers: the engine sends
 * {@code body} as JSON with this status. (A result that is not such an envelope is answered 200 with an
 * empty JSON object.)
 *
 * @param statusCode HTTP status
 * @param headers    response headers; optional
 * @param body       response body, written as JSON
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HttpTriggerResponse(@JsonProperty("status_code") int statusCode, Map<String, String> headers, Object body) {

    /** 200 with a JSON body. */
    public static HttpTriggerResponse ok(Object body) {
        return new HttpTriggerResponse(200, null, body);
    }

    /** Any status with a JSON body. */
    public static HttpTriggerResponse status(int statusCode, Object body) {
        return new HttpTriggerResponse(statusCode, null, body);
    }

    /** The same response with one more header. */
    public HttpTriggerResponse withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers == null ? Map.of() : headers);
        all.put(name, value);
        return new HttpTriggerResponse(statusCode, all, body);
    }
}
