package dev.iii.spring.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A response an {@code http}-bound {@code @IIIFunction} returns to stream its body, as Spring MVC's
 * {@code StreamingResponseBody}: the status and headers go out first, then whatever the body writes, as it writes
 * it, through the request's response channel. The body runs on the invocation's thread, within the function's
 * timeout; a slow HTTP client holds it back, so memory stays bounded however large the body is. The engine sends
 * the status and headers with the first body bytes (or when the body ends without any).
 *
 * <pre>{@code
 * @IIIFunction(value = "reports::export", timeout = "10m")
 * @HttpTrigger("/reports/export")
 * StreamingHttpResponse export(HttpTriggerRequest<Void> request) {
 *     return StreamingHttpResponse.ok(out -> reports.writeCsv(out)).withHeader("Content-Type", "text/csv");
 * }
 * }</pre>
 *
 * A body that fails before writing anything lets the function fail (the caller gets a 500); one that fails later
 * ends the body where it was.
 */
public final class StreamingHttpResponse {

    /** Writes the body; the stream is closed after it returns. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private final int statusCode;
    private final Map<String, String> headers;
    private final Body body;

    private StreamingHttpResponse(int statusCode, Map<String, String> headers, Body body) {
        if (statusCode < 100 || statusCode > 599) {
            throw new IllegalArgumentException("an HTTP status is between 100 and 599, was " + statusCode);
        }
        this.statusCode = statusCode;
        this.headers = Map.copyOf(headers);
        this.body = Objects.requireNonNull(body, "body");
    }

    /** 200 with the body {@code body} writes. */
    public static StreamingHttpResponse ok(Body body) {
        return new StreamingHttpResponse(200, Map.of(), body);
    }

    /** Any status with the body {@code body} writes. */
    public static StreamingHttpResponse status(int statusCode, Body body) {
        return new StreamingHttpResponse(statusCode, Map.of(), body);
    }

    /** The same response with one more header. */
    public StreamingHttpResponse withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new StreamingHttpResponse(statusCode, all, body);
    }

    public int statusCode() {
        return statusCode;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Body body() {
        return body;
    }
}
