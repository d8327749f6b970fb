package dev.iii.sdk.internal.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one writer of a socket, against a socket whose sends finish when the test says so: frames leave in order,
 * one send at a time, from the sender's thread while they finish at once and from the completing thread when
 * one had to wait; a failed send ends the writer once.
 */
class FrameWriterTest {

    private final ExecutorService io = Executors.newCachedThreadPool();
    private final HeldSocket socket = new HeldSocket();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final FrameWriter writer = new FrameWriter(socket, io, 1024 * 1024, new AtomicLong(), failures::add);

    @AfterEach
    void stop() {
        io.shutdownNow();
    }

    @Test
    void aFrameIntoAnIdleWriterIsSentOnTheSendersThreadWithoutAHandOff() {
        socket.finishAtOnce = true;
        String sender = Thread.currentThread().getName();

        assertThat(writer.sendNow(frame("one"))).isTrue();

        assertThat(socket.sent).containsExactly("one");
        assertThat(socket.threads).containsExactly(sender);
    }

    @Test
    void framesQueuedBehindASendThatWaitsLeaveInOrderOneAtATimeOnceItFinishes() {
        writer.sendNow(frame("first"));
        writer.sendNow(frame("second"));
        writer.send(frame("third"));
        assertThat(socket.sent).containsExactly("first");

        socket.finishOldest();
        assertThat(socket.sent).containsExactly("first", "second");
        socket.finishAtOnce = true;
        socket.finishOldest();

        await().until(() -> socket.sent.size() == 3);
        assertThat(socket.sent).containsExactly("first", "second", "third");
        assertThat(socket.mostAtOnce.get()).isEqualTo(1);
        assertThat(writer.queuedBytes()).isZero();
        assertThat(failures).isEmpty();
    }

    @Test
    void aSendThatFailsEndsTheWriterOnceAndDropsWhatWaits() {
        writer.sendNow(frame("first"));
        writer.sendNow(frame("second"));

        socket.failOldest(new IOException("broken pipe"));

        assertThat(failures).singleElement().satisfies(error -> assertThat(error).hasMessage("broken pipe"));
        assertThat(writer.isClosed()).isTrue();
        assertThat(writer.queuedBytes()).isZero();
        assertThat(writer.sendNow(frame("third"))).isFalse();
        assertThat(socket.sent).containsExactly("first");
        assertThat(writer.awaitClosed(Duration.ofSeconds(1))).isTrue();
    }

    @Test
    void aCloseWaitsForWhatWasQueuedBeforeItAndRunsOnTheIoExecutor() {
        writer.sendNow(frame("last words"));
        writer.close(1000, "");
        assertThat(socket.closedFrom.get()).isNull();

        socket.finishOldest();

        await().until(() -> socket.closedFrom.get() != null);
        assertThat(socket.sent).containsExactly("last words");
        assertThat(socket.closedFrom.get()).isNotEqualTo(Thread.currentThread().getName());
        assertThat(writer.awaitClosed(Duration.ofSeconds(5))).isTrue();
        assertThat(writer.sendNow(frame("too late"))).isFalse();
    }

    private static byte[] frame(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A socket whose sends finish when the test finishes them, unless told to finish them at once. */
    private static final class HeldSocket implements FrameWriter.Socket {

        final List<String> sent = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final Queue<CompletableFuture<Void>> unfinished = new ConcurrentLinkedQueue<>();
        final AtomicInteger atOnce = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicReference<String> closedFrom = new AtomicReference<>();
        volatile boolean finishAtOnce;

        @Override
        public CompletableFuture<?> sendText(String text) {
            sent.add(text);
            threads.add(Thread.currentThread().getName());
            mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
            CompletableFuture<Void> sending = new CompletableFuture<>();
            if (finishAtOnce) {
                atOnce.decrementAndGet();
                sending.complete(null);
            }
            else {
                unfinished.add(sending);
            }
            return sending;
        }

        void finishOldest() {
            CompletableFuture<Void> oldest = unfinished.remove();
            atOnce.decrementAndGet();
            oldest.complete(null);
        }

        void failOldest(Throwable error) {
            CompletableFuture<Void> oldest = unfinished.remove();
            atOnce.decrementAndGet();
            oldest.completeExceptionally(error);
        }

        @Override
        public CompletableFuture<?> sendBinary(ByteBuffer bytes) {
            return sendText(StandardCharsets.UTF_8.decode(bytes).toString());
        }

        @Override
        public CompletableFuture<?> sendPing() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close(int code, String reason) {
            closedFrom.set(Thread.currentThread().getName());
        }

        @Override
        public void abort(int code, String reason) {
            closedFrom.set(Thread.currentThread().getName());
        }
    }
}
