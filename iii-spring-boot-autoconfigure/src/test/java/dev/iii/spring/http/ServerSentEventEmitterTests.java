package dev.iii.spring.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.iii.sdk.channel.ChannelDirection;
import dev.iii.sdk.channel.ChannelRef;
import dev.iii.sdk.channel.ChannelWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The emitter's writes against a response whose writes the test holds at a gate: nothing waits on the
 * emitter's monitor for a slow client, and completing while a send is writing is a normal end.
 */
class ServerSentEventEmitterTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final JsonMapper json = JsonMapper.builder().build();
    private final GatedWriter response = new GatedWriter();

    @AfterEach
    void openTheGate() {
        response.gate.countDown();
    }

    @Test
    void theStartWritesTheEarlyEventsWithoutHoldingTheEmitter() throws Exception {
        ServerSentEventEmitter emitter = new ServerSentEventEmitter();
        emitter.send("a");
        emitter.send("b");
        response.gated = true;
        CompletableFuture<CompletableFuture<Void>> started = CompletableFuture.supplyAsync(() -> {
            try {
                return emitter.start(response, json);
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        });
        assertThat(response.waiting.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        // The start is held by the client; completing and registering a callback do not wait for it.
        AtomicInteger callbacks = new AtomicInteger();
        assertThat(CompletableFuture.runAsync(() -> {
            emitter.onCompletion(callbacks::incrementAndGet);
            emitter.complete();
        })).succeedsWithin(WAIT);
        assertThat(response.closes).hasValue(0);

        response.gate.countDown();
        assertThat(started).succeedsWithin(WAIT);
        await().atMost(WAIT).until(() -> response.closes.get() == 1);
        assertThat(response.text()).isEqualTo(":\n\ndata: a\n\ndata: b\n\n");
        assertThat(started.get()).isCompletedWithValue(null);
        assertThat(callbacks).hasValue(1);
    }

    @Test
    void completingWhileASendWritesIsANormalEnd() throws Exception {
        ServerSentEventEmitter emitter = new ServerSentEventEmitter();
        CompletableFuture<Void> lifetime = emitter.start(response, json);
        response.gated = true;
        CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
            try {
                emitter.send("late");
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
            finally {
                response.sendReturned.countDown();
            }
        });
        assertThat(response.waiting.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        assertThat(CompletableFuture.runAsync(emitter::complete)).succeedsWithin(WAIT);
        response.gate.countDown();

        assertThat(sent).succeedsWithin(WAIT);
        await().atMost(WAIT).until(() -> response.closes.get() == 1);
        assertThat(lifetime).isCompletedWithValue(null);
        assertThat(response.text()).isEqualTo(":\n\ndata: late\n\n");
    }

    /**
     * A response whose writes wait at {@link #gate} while {@link #gated}. Closing it while a write waits lets the
     * write through to fail, as a closed channel writer fails, and returns once that send returned: the worst
     * interleaving for an emitter that closes under a send.
     */
    private static final class GatedWriter extends ChannelWriter {

        final CountDownLatch gate = new CountDownLatch(1);
        final CountDownLatch waiting = new CountDownLatch(1);
        final CountDownLatch sendReturned = new CountDownLatch(1);
        final AtomicInteger closes = new AtomicInteger();
        volatile boolean gated;
        private volatile boolean writeWaiting;
        private volatile boolean closed;
        private final ByteArrayOutputStream written = new ByteArrayOutputStream();

        @Override
        public ChannelRef ref() {
            return new ChannelRef("channel", "key", ChannelDirection.WRITE);
        }

        @Override
        public void sendMessage(String message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (gated) {
                writeWaiting = true;
                waiting.countDown();
                await(gate);
                writeWaiting = false;
            }
            if (closed) {
                throw new IOException("the writer is closed");
            }
            synchronized (written) {
                written.write(bytes, offset, length);
            }
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            closed = true;
            if (writeWaiting) {
                gate.countDown();
                await(sendReturned);
            }
        }

        @Override
        public void abort() {
            closed = true;
            gate.countDown();
        }

        String text() {
            synchronized (written) {
                return written.toString(StandardCharsets.UTF_8);
            }
        }

        private static void await(CountDownLatch latch) {
            try {
                if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("nothing opened the gate");
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }
}
