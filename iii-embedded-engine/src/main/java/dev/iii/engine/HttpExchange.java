package dev.iii.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.iii.protocol.ErrorBody;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Answers one {@code http} trigger request as the real engine does (wire specification §6.1), watching both the
 * invocation's outcome and the {@code response} channel: text messages before the body set the status
 * ({@code set_status}) and headers ({@code set_headers}); a non-null result that comes before any body is the
 * envelope; a handler error is a 500; otherwise the body is streamed from the channel's binary messages (the
 * first one, or the writer closing, sends the head) until the writer closes. Without a head within the timeout
 * the answer is 504 with an empty body (the invocation goes on).
 * <p>
 * Every event (a channel change, the outcome, the timer) only schedules a step; steps run one at a time on the
 * engine's executor, which is where the response is written, so a slow HTTP client holds back the channel's
 * writer and no socket or timer thread waits for it. The exchange completes once the response is done and the
 * request body has been read to its end (the request must not be recycled while it is read).
 */
final class HttpExchange implements EngineChannel.Reader {

    private static final Logger log = LoggerFactory.getLogger(HttpExchange.class);

    private enum State { WAITING, STREAMING, DONE }

    private final AsyncContext async;
    private final HttpServletResponse response;
    private final EngineChannel responseChannel;
    private final EngineChannel requestChannel;
    private final ChannelRegistry channels;
    private final Executor executor;
    private final RequestBodyPump requestBody;
    /** Stands for a deadline that was cancelled before (or while) it was scheduled. */
    private static final Future<?> CANCELLED = CompletableFuture.completedFuture(null);

    private final AtomicInteger pendingSteps = new AtomicInteger();
    private final ScheduledExecutorService timer;
    private final long timeoutMs;
    /** The timer's task once scheduled, {@link #CANCELLED} once given up; set by {@link #start} and the steps. */
    private final AtomicReference<Future<?>> deadline = new AtomicReference<>();

    // written by steps only (one at a time); the events below are handed over through volatile fields
    private State state = State.WAITING;
    private int status = 200;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private boolean outcomeSeen;
    private OutputStream body;
    private volatile Outcome outcome;
    private volatile boolean timedOut;
    private volatile boolean clientGone;

    /**
     * @param requestBody what reads the request body into its channel, or {@code null} when it was read already
     */
    HttpExchange(AsyncContext async, EngineChannel requestChannel, EngineChannel responseChannel,
            RequestBodyPump requestBody, ChannelRegistry channels, Executor executor, ScheduledExecutorService timer,
            long timeoutMs) {
        this.async = async;
        this.response = (HttpServletResponse) async.getResponse();
        this.requestChannel = requestChannel;
        this.responseChannel = responseChannel;
        this.requestBody = requestBody;
        this.channels = channels;
        this.executor = executor;
        this.timer = timer;
        this.timeoutMs = timeoutMs;
    }

    /**
     * Starts the deadline; called once the exchange is built (a timer task must not see it half-built). A short
     * timeout can fire, and its step end the exchange, before {@code schedule} returns: the task it returns is
     * then cancelled here.
     */
    void start() {
        Future<?> task = timer.schedule(() -> {
            timedOut = true;
            schedule();
        }, timeoutMs, TimeUnit.MILLISECONDS);
        if (!deadline.compareAndSet(null, task)) {
            task.cancel(false);
        }
    }

    /** The invocation ended; runs on whichever thread read its answer. */
    void answered(Outcome done) {
        outcome = done;
        schedule();
    }

    /** The HTTP client went away or the container failed the exchange. */
    void failed() {
        clientGone = true;
        schedule();
    }

    @Override
    public void changed() {
        schedule();
    }

    /** Runs a step soon; while one runs, it runs once more instead, reading every event anew. */
    private void schedule() {
        if (pendingSteps.getAndIncrement() != 0) {
            return;
        }
        try {
            executor.execute(() -> {
                int missed = 1;
                do {
                    step();
                    missed = pendingSteps.addAndGet(-missed);
                } while (missed != 0);
            });
        }
        catch (RejectedExecutionException ex) {
            // The engine is stopping; its container ends the exchange.
            pendingSteps.set(0);
        }
    }

    private void step() {
        if (clientGone) {
            finish();
            return;
        }
        try {
            if (state == State.WAITING) {
                awaitHead();
            }
            if (state == State.STREAMING) {
                stream();
            }
        }
        catch (IOException | RuntimeException ex) {
            log.debug("could not write the http response: {}", ex.toString());
            finish();
        }
    }

    /** Before the head: control messages, the first body bytes, the end of the stream, the outcome, the timer. */
    private void awaitHead() throws IOException {
        EngineChannel.Item item;
        while ((item = responseChannel.poll()) != null) {
            if (item.text()) {
                control(item.asText());
            }
            else {
                sendHead();
                write(item.bytes());
                return;
            }
        }
        if (responseChannel.ending() != null) {
            // The writer closed before any body: the head goes out with an empty body.
            sendHead();
            return;
        }
        Outcome done = outcome;
        if (done != null && !outcomeSeen) {
            outcomeSeen = true;
            if (done.failed()) {
                answerError(done.error());
                return;
            }
            if (done.result() != null) {
                HttpResponseEnvelope.from(done.result().tree()).write(response);
                finish();
                return;
            }
            // No value: the response is whatever the handler writes to the channel.
        }
        if (timedOut) {
            response.setStatus(504);
            finish();
        }
    }

    private void stream() throws IOException {
        EngineChannel.Item item;
        while ((item = responseChannel.poll()) != null) {
            // Text messages after the body started are ignored, as in the real engine.
            if (!item.text()) {
                write(item.bytes());
            }
        }
        if (responseChannel.ending() != null) {
            finish();
        }
    }

    /** {@code set_status} (100-599) and {@code set_headers} (string values); anything else is ignored. */
    private void control(String text) {
        JsonNode message;
        try {
            message = EngineJson.MAPPER.readTree(text);
        }
        catch (JacksonException ex) {
            return;
        }
        if (message == null || !message.isObject()) {
            return;
        }
        String type = message.path("type").isString() ? message.get("type").asString() : "";
        if (type.equals("set_status")) {
            JsonNode code = message.get("status_code");
            if (code != null && code.isIntegralNumber() && code.asLong() >= 100 && code.asLong() <= 599) {
                status = code.asInt();
            }
        }
        else if (type.equals("set_headers") && message.path("headers").isObject()) {
            for (Map.Entry<String, JsonNode> header : message.get("headers").properties()) {
                if (header.getValue().isString()) {
                    headers.put(header.getKey(), header.getValue().asString());
                }
            }
        }
    }

    private void sendHead() throws IOException {
        cancelDeadline();
        state = State.STREAMING;
        response.setStatus(status);
        headers.forEach((name, value) -> {
            if (isValidHeader(name, value)) {
                response.setHeader(name, value);
            }
        });
        body = response.getOutputStream();
        response.flushBuffer();
    }

    private void write(byte[] bytes) throws IOException {
        body.write(bytes);
        body.flush();
    }

    private void answerError(ErrorBody error) throws IOException {
        String errorId = HttpTriggerServlet.errorId();
        log.warn("http handler failed with {} (error_id {})", error.code(), errorId);
        HttpResponseEnvelope.writeJson(response, 500, HttpTriggerServlet.errorBody(error.code(), error.message(),
                errorId));
        finish();
    }

    /**
     * Ends the exchange once: stops the timer, forgets both channels (an end nobody opened is given up; the
     * response's writer, if still open, hears that its reader is gone), stops writing the request body, and
     * completes the request once the body's pump has stopped.
     */
    private void finish() {
        if (state == State.DONE) {
            return;
        }
        state = State.DONE;
        cancelDeadline();
        channels.remove(requestChannel);
        channels.remove(responseChannel);
        responseChannel.readerFinished();
        // The engine is the request body's writer: once the response is done, nobody needs the rest of the body,
        // and a handler that stopped reading (without closing its reader) would otherwise park the pump in put()
        // for good, and with it the end of the response. Its reader gets what was queued, then an unclean end.
        // A body written to its end already is left as it is.
        requestChannel.writerFinished(false);
        if (requestBody == null) {
            complete();
        }
        else {
            requestBody.whenDone(this::complete);
        }
    }

    private void cancelDeadline() {
        Future<?> task = deadline.getAndSet(CANCELLED);
        if (task != null) {
            task.cancel(false);
        }
    }

    private void complete() {
        try {
            async.complete();
        }
        catch (IllegalStateException ex) {
            log.debug("the http exchange was over already: {}", ex.toString());
        }
    }

    private static boolean isValidHeader(String name, String value) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return value.chars().noneMatch(c -> c == '\r' || c == '\n');
    }
}
