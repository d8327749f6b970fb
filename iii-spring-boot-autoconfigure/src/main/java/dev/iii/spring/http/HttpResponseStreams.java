package dev.iii.spring.http;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.iii.sdk.InvocationException;
import dev.iii.sdk.builtin.HttpResponseHead;
import dev.iii.sdk.channel.ChannelDirection;
import dev.iii.sdk.channel.ChannelRef;
import dev.iii.sdk.channel.ChannelWriter;
import dev.iii.sdk.function.InvocationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams what an {@code http}-bound function returns when it is a {@link StreamingHttpResponse} or a
 * {@link ServerSentEventEmitter}, on the {@code response} channel of the request it serves (the end the request
 * object's {@code response()} also gives, within one invocation): the status and headers first, then the body.
 * Used by the function invoker; any other value is left alone.
 */
public final class HttpResponseStreams {

    private HttpResponseStreams() {
    }

    /** Whether {@code result} is something this class streams. */
    public static boolean isStreamed(Object result) {
        return result instanceof StreamingHttpResponse || result instanceof ServerSentEventEmitter;
    }

    /**
     * Streams {@code result}: a {@link StreamingHttpResponse} here and now (then there is no value), a
     * {@link ServerSentEventEmitter} until it completes.
     *
     * @return {@code null} once a response was streamed; for an emitter, a future that completes (with no value)
     *         when its stream is over, and whose cancelling ends it
     * @throws InvocationException when the request has no response channel
     */
    public static Object stream(Object result, JsonNode payload, InvocationContext context, JsonMapper mapper)
            throws IOException {
        ChannelWriter response = responseOf(payload, context);
        if (result instanceof StreamingHttpResponse streaming) {
            stream(streaming, response);
            return null;
        }
        ServerSentEventEmitter emitter = (ServerSentEventEmitter) result;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/event-stream");
        headers.put("Cache-Control", "no-cache");
        HttpResponseHead.send(response, 200, headers);
        return emitter.start(response, mapper);
    }

    private static void stream(StreamingHttpResponse streaming, ChannelWriter response) throws IOException {
        HttpResponseHead.send(response, streaming.statusCode(), streaming.headers());
        CountingStream body = new CountingStream(response);
        try {
            streaming.body().writeTo(body);
        }
        catch (IOException | RuntimeException ex) {
            if (body.written > 0) {
                // The head is out: all that can be done is to end the body here.
                response.close();
            }
            throw ex;
        }
        response.close();
    }

    private static ChannelWriter responseOf(JsonNode payload, InvocationContext context) {
        JsonNode ref = payload == null ? null : payload.get("response");
        if (context == null || context.channels() == null || ref == null || !ref.path("channel_id").isString()
                || !ref.path("access_key").isString()) {
            throw new InvocationException("invalid_request", (context == null ? "The function" : context.functionId())
                    + " returned a streamed response for a request without a response channel");
        }
        return context.channels().writer(new ChannelRef(ref.get("channel_id").asString(),
                ref.get("access_key").asString(), ChannelDirection.WRITE));
    }

    /** Counts what the body writes, so that a failure before any byte can still be a 500. */
    private static final class CountingStream extends FilterOutputStream {

        private long written;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            written++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            written += length;
        }

        @Override
        public void close() {
            // The response is closed by the streaming code, once the body returned.
        }
    }
}
