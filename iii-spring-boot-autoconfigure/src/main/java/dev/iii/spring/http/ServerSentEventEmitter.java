package dev.iii.spring.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

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
    /**
     * One writer at a time (the start, then sends), in turn; held across the write, never with the monitor, so
     * that completing, a timeout and {@link #onCompletion} never wait for a slow client.
     */
    private final ReentrantLock writeTurn = new ReentrantLock(true);
    // guarded by this
    private final List<Event> early = new ArrayList<>();
    private final List<Runnable> completionCallbacks = new ArrayList<>();
    private JsonMapper mapper;
    private ChannelWriter stream;
    /** The start and the sends that are writing or waiting for their turn: the stream closes when none is left. */
    private int writers;
    /** {@link #complete()} or {@link #completeWithError} began: no more sends. */
    private boolean ending;
    private boolean failed;
    /** The stream was closed or aborted. */
    private boolean closed;

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
            if (ending || lifetime.isDone()) {
                throw new IllegalStateException("the event stream is complete");
            }
            if (stream == null) {
                early.add(event);
                return;
            }
            target = stream;
            text = event.format(mapper);
            writers++;
        }
        try {
            writeTurn.lock();
            try {
                write(target, text.getBytes(StandardCharsets.UTF_8));
            }
            finally {
                writeTurn.unlock();
            }
        }
        finally {
            leave();
        }
    }

    /** Ends the stream normally; a send in progress finishes first (this does not wait for it). */
    public void complete() {
        ChannelWriter toClose;
        synchronized (this) {
            if (ending) {
                return;
            }
            ending = true;
            toClose = takeStreamToEnd();
        }
        close(toClose);
        lifetime.complete(null);
    }

    /** Ends the stream because of {@code failure}: the function fails with it; the client's stream just ends. */
    public void completeWithError(Throwable failure) {
        ChannelWriter toAbort;
        synchronized (this) {
            if (ending) {
                return;
            }
            ending = true;
            failed = true;
            toAbort = closed ? null : stream;
            closed = stream != null;
        }
        if (toAbort != null) {
            // Any thread, without waiting: a send in progress fails.
            toAbort.abort();
        }
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
     * the function returned this emitter. When it completed already, the response is then closed (aborted when
     * it failed).
     *
     * @return completes when the stream is over; cancelling it (the function's timeout) aborts the stream
     */
    CompletableFuture<Void> start(ChannelWriter response, JsonMapper json) throws IOException {
        try {
            // The turn is taken before the stream is published, so that no send can write before the early events.
            writeTurn.lock();
            try {
                List<Event> events;
                synchronized (this) {
                    mapper = json;
                    events = List.copyOf(early);
                    early.clear();
                    stream = response;
                    writers++;
                }
                write(response, OPENING);
                for (Event event : events) {
                    write(response, event.format(json).getBytes(StandardCharsets.UTF_8));
                }
            }
            catch (RuntimeException ex) {
                // An event that cannot be written as JSON: the stream cannot go on.
                completeWithError(ex);
                throw ex;
            }
            finally {
                writeTurn.unlock();
                leave();
            }
        }
        finally {
            lifetime.whenComplete((ignored, error) -> {
                if (lifetime.isCancelled()) {
                    // A timeout, on the worker's timer thread: give the stream up without waiting for a send.
                    response.abort();
                }
                runCallbacks();
            });
        }
        return lifetime;
    }

    /**
     * Writes and flushes, holding the write turn (never the monitor). A failure fails the stream, unless
     * {@link #complete()} began: the stream is then complete, whatever the client did after.
     */
    private void write(ChannelWriter target, byte[] bytes) throws IOException {
        synchronized (this) {
            if (failed) {
                return;
            }
        }
        try {
            target.write(bytes);
            target.flush();
        }
        catch (IOException ex) {
            synchronized (this) {
                if (ending && !failed) {
                    log.debug("the event stream ended with: " + ex.getMessage());
                    return;
                }
            }
            completeWithError(ex);
            throw ex;
        }
    }

    /** A writer is done: the last one out closes the stream when the emitter completed meanwhile. */
    private void leave() {
        ChannelWriter toClose;
        boolean abort;
        synchronized (this) {
            writers--;
            abort = failed;
            toClose = ending ? takeStreamToEnd() : null;
        }
        if (abort && toClose != null) {
            toClose.abort();
        }
        else {
            close(toClose);
        }
    }

    /** The stream, when it is started and nobody writes it any more and it is still open; marks it closed. */
    private ChannelWriter takeStreamToEnd() {
        assert Thread.holdsLock(this);
        if (stream == null || writers > 0 || closed) {
            return null;
        }
        closed = true;
        return stream;
    }

    private static void close(ChannelWriter target) {
        if (target == null) {
            return;
        }
        try {
            target.close();
        }
        catch (IOException ex) {
            log.debug("the event stream ended with: " + ex.getMessage());
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
