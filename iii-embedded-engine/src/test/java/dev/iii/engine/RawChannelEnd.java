package dev.iii.engine;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/**
 * One end of a data channel opened with the JDK's WebSocket client, for tests: records what it receives (text
 * and binary messages, joined from their parts) and how the socket closed. A reader may be made slow: it then
 * asks for each next message only when the test says so.
 */
final class RawChannelEnd implements AutoCloseable {

    /** A received message: text, or bytes. */
    record Received(boolean text, byte[] bytes) {

        String asText() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    final List<Received> received;
    final CompletableFuture<Integer> closeCode;
    private final Listener listener;
    private final WebSocket socket;

    private RawChannelEnd(WebSocket socket, Listener listener) {
        this.socket = socket;
        this.listener = listener;
        this.received = listener.received;
        this.closeCode = listener.closeCode;
    }

    /** Opens the end a ref names ({@code {channel_id, access_key, direction}}). */
    static RawChannelEnd open(EmbeddedEngine engine, JsonNode ref) {
        return open(engine, ref, false);
    }

    /** Opens a reader that asks for one message at a time, when {@link #takeOne()} is called. */
    static RawChannelEnd openSlow(EmbeddedEngine engine, JsonNode ref) {
        return open(engine, ref, true);
    }

    private static RawChannelEnd open(EmbeddedEngine engine, JsonNode ref, boolean slow) {
        return open(engine, ref.get("channel_id").asString(), ref.get("access_key").asString(),
                ref.get("direction").asString(), slow);
    }

    static RawChannelEnd open(EmbeddedEngine engine, String id, String key, String direction, boolean slow) {
        Listener listener = new Listener(new AtomicBoolean(slow));
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(url(engine, id, key, direction), listener).join();
        return new RawChannelEnd(socket, listener);
    }

    static URI url(EmbeddedEngine engine, String id, String key, String direction) {
        return URI.create(engine.url() + "/ws/channels/" + id + "?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)
                + "&dir=" + direction);
    }

    /** The HTTP status of a refused upgrade. */
    static int refusedStatus(EmbeddedEngine engine, String id, String key, String direction) {
        try {
            HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(url(engine, id, key, direction), new WebSocket.Listener() { }).join().abort();
            throw new AssertionError("the upgrade was accepted");
        }
        catch (CompletionException ex) {
            if (ex.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw ex;
        }
    }

    void sendText(String text) {
        socket.sendText(text, true).join();
    }

    void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** Closes normally (1000), as the SDKs close a writer that is done. */
    void closeNormally() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    }

    /** A slow reader's next message. */
    void takeOne() {
        socket.request(1);
    }

    /** Stops being slow: every message is taken as it comes. */
    void takeAll() {
        listener.slow.set(false);
        socket.request(Long.MAX_VALUE / 2);
    }

    /** Every binary message received so far, concatenated. */
    byte[] bytes() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Received message : received) {
            if (!message.text()) {
                all.writeBytes(message.bytes());
            }
        }
        return all.toByteArray();
    }

    String closeReason() {
        return listener.closeReason;
    }

    int awaitClose() {
        return closeCode.orTimeout(TestWorker.WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    void awaitReceived(int messages) {
        Awaitility.await().atMost(TestWorker.WAIT).until(() -> received.size() >= messages);
    }

    @Override
    public void close() {
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {

        final List<Received> received = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        final AtomicBoolean slow;
        volatile String closeReason;
        private final ByteArrayOutputStream parts = new ByteArrayOutputStream();

        Listener(AtomicBoolean slow) {
            this.slow = slow;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(slow.get() ? 1 : Long.MAX_VALUE / 2);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            parts.writeBytes(data.toString().getBytes(StandardCharsets.UTF_8));
            return whole(webSocket, true, last);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            parts.writeBytes(bytes);
            return whole(webSocket, false, last);
        }

        private CompletionStage<?> whole(WebSocket webSocket, boolean text, boolean last) {
            if (last) {
                received.add(new Received(text, parts.toByteArray()));
                parts.reset();
            }
            else if (slow.get()) {
                // Parts of one message are not what a slow reader holds back.
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = reason;
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            // Kept, so that a test expecting a close code can say what ended the socket instead.
            closeReason = error.getCause() == null ? String.valueOf(error) : error + " (" + error.getCause() + ")";
            closeCode.complete(-1);
        }
    }
}
