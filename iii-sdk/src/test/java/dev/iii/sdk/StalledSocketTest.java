package dev.iii.sdk;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.MessageCodec;
import dev.iii.protocol.RawJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * One writer per connection: when the engine stops reading, only the connection's writer waits on the
 * socket. The thread that reads frames, the timers and every other caller carry on; the send queue fills
 * up to its limit and then refuses frames at once.
 */
class StalledSocketTest {

    private static final MessageCodec CODEC = new MessageCodec();
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    private RawWebSocketPeer peer;
    private IIIWorker worker;

    @AfterEach
    void stop() throws Exception {
        // Closing the peer first ends the stalled write, so that shutdown need not wait for the send timeout.
        peer.close();
        if (worker != null) {
            worker.shutdown(Duration.ofSeconds(1));
        }
    }

    @Test
    void aPeerThatStopsReadingBlocksNeitherTheReaderNorTimersNorOtherCallers() throws Exception {
        peer = new RawWebSocketPeer();
        CountDownLatch served = new CountDownLatch(1);
        worker = IIIWorker.create(WorkerOptions.builder().url(peer.url()).name("stalled")
                .maxSendQueueBytes(4 * 1024 * 1024).build());
        worker.registerFunction("stalled::fn", (payload, context) -> {
            served.countDown();
            return null;
        });
        worker.start();
        RawWebSocketPeer.Connection engine = peer.nextConnection();
        engine.acceptHandshake(UUID.randomUUID().toString());
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);

        // The engine reads nothing from here on. Fill the kernel's buffers until the writer is stuck.
        Map<String, String> chunk = Map.of("blob", "x".repeat(256 * 1024));
        await().atMost(PROMPTLY).until(() -> {
            callVoidPromptly(chunk);
            return worker.statistics().sendQueueBytes() > 1024 * 1024;
        });

        // A timer: a call queued behind the stuck writer still times out on time.
        CompletableFuture<?> call = worker.call("remote::fn", Map.of(),
                CallOptions.defaults().withTimeout(Duration.ofMillis(300)));
        assertThat(Failures.of(call).getCode()).isEqualTo(ErrorCode.TIMEOUT);

        // Other callers: they never wait; once the queue is full they are refused at once.
        assertThatThrownBy(() -> {
            for (int i = 0; i < 64; i++) {
                callVoidPromptly(chunk);
            }
        }).isInstanceOfSatisfying(InvocationException.class,
                error -> assertThat(error.getCode()).isEqualTo(ErrorCode.SEND_QUEUE_FULL));
        assertThat(worker.statistics().refusedFrames()).isPositive();
        assertThat(worker.statistics().sendQueueBytes()).isLessThanOrEqualTo(4 * 1024 * 1024 + 256 * 1024 + 1024);

        // The reading thread: an invocation still arrives and its handler runs.
        engine.sendText(CODEC.encodeToString(InvokeFunction.call(UUID.randomUUID(), "stalled::fn",
                RawJson.EMPTY_OBJECT, null, null, null, null, null)));
        assertThat(served.await(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(worker.connectionState()).isEqualTo(ConnectionState.CONNECTED);

        // The engine goes away under the stuck write: one lost connection, and no stack trace from the
        // WebSocket client.
        List<String> clientWarnings = new CopyOnWriteArrayList<>();
        Handler warnings = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    clientWarnings.add(record.getLoggerName() + ": " + record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(warnings);
        try {
            engine.close();
            await().until(() -> worker.connectionState() == ConnectionState.RECONNECTING);
        }
        finally {
            root.removeHandler(warnings);
        }
        assertThat(clientWarnings).isEmpty();
    }

    /** A void call from another thread, which must return well within {@link #PROMPTLY}. */
    private void callVoidPromptly(Object payload) throws Exception {
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> worker.callVoid("remote::sink", payload));
        try {
            done.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (java.util.concurrent.ExecutionException ex) {
            throw (Exception) ex.getCause();
        }
    }
}
