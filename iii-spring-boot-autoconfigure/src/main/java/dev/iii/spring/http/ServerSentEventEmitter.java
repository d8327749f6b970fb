package dev.iii.spring.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.iii.sdk.channel.ChannelWriter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Server-sent events from an {@code http}-bound {@code @IIIFunction}, as Spring MVC's {@code SseEmitter}: return
 * one, then {@link #send} events from any thread as they happen, and {@link #complete()} it. The response is
 * {@code 200} with {@code Content-Type: text/event-stream}; each event is written and flushed as it is sent, and
 * a slow client holds {@code send} back. The stream opens with an SSE comment line, so that the engine sends the
 * status and headers at once (it sends them with the first body bytes). Data that is not a {@code String} is
 * written as JSON with the application's mapper. Events sent before the method returned are written first.
 * <p>
 * The invocation lasts until the emitter completes, bounded by the function's timeout (set
 * {@code @IIIFunction(timeout = ...)} for long streams). When the timeout runs out or the HTTP client goes away
 * (a {@code send} then fails), the stream ends; the {@link #onCompletion} callbacks run however it ended.
 * Thread-safe.
 */
public class ServerSentEventEmitter {

    private static final Log log = LogFactory.getLog(ServerSentEventEmitter.class);
    private static final byte[] OPENING = ":\n\n".getBytes(StandardCharsets.UTF_8);

    private final CompletableFuture<Void> lifetime = new CompletableFuture<>();
    // guarded by this
    private final List<Event> early = new ArrayList<>();
    private final List<Runnable> completionCallbacks = new ArrayList<>();
    private JsonMapper mapper;
    /** Read without the monitor by a timeout, which must not wait for a send in progress. */
    private volatile ChannelWriter stream;

    /** One event; build it with {@link ServerSentEventEmitter#event()}. */
    public static final class Event {

        private String id;
        private String name;
        private Object data;
        private String comment;
        private Duration retry;

        private Event() {
        }

        /** The event's {@code id}. */
        public Event id(String id) {
            this.id = id;
            return this;
        }

        /** The event's type ({@code event:}), what an {@code EventSource} listens for by name. */
        public Event name(String name) {
            this.name = name;
            return this;
        }

        /** The event's data: a {@code String} as it is, anything else as JSON. */
        public Event data(Object data) {
            this.data = data;
            return this;
        }

        /** A comment line, which clients ignore. */
        public Event comment(String comment) {
            this.comment = comment;
            return this;
        }

        /** How long a client waits before it reconnects. */
        public Event retry(Duration retry) {
            this.retry = retry;
            return this;
        }

        String format(JsonMapper json) {
            StringBuilder text = new StringBuilder();
            if (comment != null) {
                lines(text, ":", comment);
            }
            if (id != null) {
                lines(text, "id:", id);
            }
            if (name != null) {
                lines(text, "event:", name);
            }
            if (retry != null) {
                text.append("retry: ").append(retry.toMillis()).append('\n');
            }
            if (data != null) {
                lines(text, "data:", data instanceof String string ? string : json.writeValueAsString(data));
            }
            return text.append('\n').toString();
        }

        private static void lines(StringBuilder text, String field, String value) {
            for (String line : value.split("\r\n|\r|\n", -1)) {
                text.append(field).append(' ').append(line).append('\n');
            }
        }
    }

    /** A new event to {@link #send(Event)}. */
    public static Event event() {
        return new Event();
    }

    /** Sends an event with only data: a {@code String} as it is, anything else as JSON. */
    public void send(Object data) throws IOException {
        send(event().data(data));
    }

    /**
     * Sends an event, waiting while the client reads slowly.
     *
     * @throws IOException when the client went away or the stream timed out
     * @throws IllegalStateException after the stream completed
     */
    public void send(Event event) throws IOException {
        ChannelWriter target;
        String text;
        synchronized (this) {
            if (lifetime.isDone()) {
                throw new IllegalStateException("the event stream is complete");
            }
            if (stream == null) {
                early.add(event);
                return;
            }
            target = stream;
            text = event.format(mapper);
        }
        write(target, text);
    }

    /** Ends the stream normally. */
    public void complete() {
        end();
        lifetime.complete(null);
    }

    /** Ends the stream because of {@code failure}: the function fails with it; the client's stream just ends. */
    public void completeWithError(Throwable failure) {
        end();
        lifetime.completeExceptionally(failure);
    }

    /** Runs {@code callback} once the stream is over, however it ended (on the thread that ended it). */
    public void onCompletion(Runnable callback) {
        synchronized (this) {
            if (!lifetime.isDone()) {
                completionCallbacks.add(callback);
                return;
            }
        }
        callback.run();
    }

    /**
     * Starts the stream on {@code response}, whose head was sent, and writes the events sent early; called when
     * the function returned this emitter.
     *
     * @return completes when the stream is over; cancelling it (the function's timeout) aborts the stream
     */
    CompletableFuture<Void> start(ChannelWriter response, JsonMapper json) throws IOException {
        synchronized (this) {
            mapper = json;
            response.write(OPENING);
            response.flush();
            for (Event event : early) {
                write(response, event.format(json));
            }
            early.clear();
            stream = response;
        }
        lifetime.whenComplete((ignored, error) -> {
            if (lifetime.isCancelled()) {
                // A timeout, on the worker's timer thread: give the stream up without waiting for a send.
                response.abort();
            }
            runCallbacks();
        });
        return lifetime;
    }

    private void write(ChannelWriter target, String text) throws IOException {
        try {
            target.write(text.getBytes(StandardCharsets.UTF_8));
            target.flush();
        }
        catch (IOException ex) {
            lifetime.completeExceptionally(ex);
            throw ex;
        }
    }

    private void end() {
        ChannelWriter current = stream;
        if (current != null) {
            try {
                current.close();
            }
            catch (IOException ex) {
                log.debug("the event stream ended with: " + ex.getMessage());
            }
        }
    }

    private void runCallbacks() {
        List<Runnable> callbacks;
        synchronized (this) {
            callbacks = List.copyOf(completionCallbacks);
            completionCallbacks.clear();
        }
        for (Runnable callback : callbacks) {
            try {
                callback.run();
            }
            catch (RuntimeException ex) {
                log.warn("An onCompletion callback of an event stream failed: " + ex);
            }
        }
    }
}
