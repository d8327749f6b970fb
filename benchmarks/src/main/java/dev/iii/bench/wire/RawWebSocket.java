package dev.iii.bench.wire;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A WebSocket connection with no SDK logic: the JDK's {@code java.net.http} client, whole text messages
 * handed to a consumer on the client's own thread, and sends queued so that one is written at a time (the
 * JDK client allows one outstanding send). This is what the floor worker and the raw caller speak.
 */
public final class RawWebSocket implements AutoCloseable {

    private final Queue<String> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private RawWebSocket(URI url, Consumer<String> onMessage, Duration timeout) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(timeout)
                .buildAsync(url, new Listener(onMessage))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .join();
    }

    /**
     * Opens a connection; every whole text message goes to {@code onMessage}, one at a time.
     *
     * @throws java.util.concurrent.CompletionException when the handshake fails or takes longer than
     *                                                  {@code timeout}
     */
    public static RawWebSocket connect(URI url, Consumer<String> onMessage, Duration timeout) {
        return new RawWebSocket(url, onMessage, timeout);
    }

    /** Queues one text frame; frames leave in the order they were queued, from any thread. */
    public void send(String text) {
        outbox.add(text);
        drain();
    }

    /** Completes with the reason when the connection closes or fails. */
    public CompletableFuture<String> closed() {
        return closed;
    }

    private void drain() {
        while (sending.compareAndSet(false, true)) {
            String next = outbox.poll();
            if (next == null) {
                sending.set(false);
                if (outbox.isEmpty()) {
                    return;
                }
                continue;
            }
            CompletableFuture<WebSocket> sent = socket.sendText(next, true);
            if (!sent.isDone()) {
                sent.whenComplete((ignored, failure) -> {
                    sent(failure);
                    drain();
                });
                return;
            }
            sent(failureOf(sent));
        }
    }

    private static Throwable failureOf(CompletableFuture<?> done) {
        try {
            done.join();
            return null;
        }
        catch (CompletionException | CancellationException ex) {
            return ex;
        }
    }

    private void sent(Throwable failure) {
        sending.set(false);
        if (failure != null) {
            closed.complete("send failed: " + failure);
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally(ex -> null).join();
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {

        private final Consumer<String> onMessage;
        private final StringBuilder parts = new StringBuilder();

        Listener(Consumer<String> onMessage) {
            this.onMessage = onMessage;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (last && parts.isEmpty()) {
                onMessage.accept(data.toString());
            }
            else {
                parts.append(data);
                if (last) {
                    String message = parts.toString();
                    parts.setLength(0);
                    onMessage.accept(message);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete("closed by the engine: " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("failed: " + error);
        }
    }
}
