package dev.iii.sdk.internal.channel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.WorkerOptions;
import dev.iii.sdk.channel.Channel;
import dev.iii.sdk.channel.ChannelDirection;
import dev.iii.sdk.channel.ChannelException;
import dev.iii.sdk.channel.ChannelRef;
import dev.iii.sdk.channel.ChannelWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What a channel end does with its socket in the cases the public API cannot reach: a socket whose handshake
 * finishes after the end gave up on it, a socket held back by back-pressure when its end is closed, and one held
 * back on the last frames of its stream.
 */
class ChannelEndSocketsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private EmbeddedEngine engine;
    private IIIWorker worker;
    private ChannelEnds ends;

    @BeforeEach
    void start() throws Exception {
        engine = EmbeddedEngine.builder().port(0).httpPort(0).build().start();
        worker = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("ends").build()).start();
        assertThat(worker.awaitConnected(WAIT)).isTrue();
        ends = (ChannelEnds) worker.channels();
    }

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.shutdown(Duration.ofSeconds(1));
        }
        engine.close();
    }

    @Test
    void aSocketThatOpensAfterTheWriterGaveUpIsClosedNotNormally() throws Exception {
        Channel channel = worker.channels().create().get();
        WriteEnd writer = (WriteEnd) ends.writer(new ChannelRef(channel.writerRef().channelId(), "not-the-key",
                ChannelDirection.WRITE));
        writer.write(1);
        assertThatThrownBy(writer::flush).isInstanceOf(ChannelException.class);
        // As when a handshake finishes after the open timed out: the end has given the socket up.
        AtomicReference<Integer> closed = new AtomicReference<>();
        writer.new SocketListener().onOpen(socket(closed));
        await().atMost(WAIT).until(() -> closed.get() != null);
        assertThat(closed.get()).isNotEqualTo(SocketClose.NORMAL.code());
    }

    @Test
    void closingASuspendedReaderLetsItsSocketFinishTheCloseHandshake() throws Exception {
        Channel channel = worker.channels().create().get();
        ReadEnd reader = (ReadEnd) channel.reader();
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            byte[] frame = new byte[ChannelWriter.FRAME_SIZE];
            try (ChannelWriter out = channel.writer()) {
                for (long sent = 0; sent < 3 * ReadQueue.READ_AHEAD_BYTES; sent += frame.length) {
                    out.write(frame);
                }
            }
            catch (IOException ex) {
                // The reader went away first: expected.
            }
        });
        assertThat(reader.read()).isZero();
        await().atMost(WAIT).until(reader::isSuspended);
        reader.close();
        // A socket that reads on finishes the close handshake at once, rather than when the engine gives up on it.
        await().atMost(Duration.ofSeconds(10)).until(() -> !reader.isSuspended() && reader.isSocketClosed());
        await().atMost(WAIT).until(writing::isDone);
    }

    @Test
    void aReaderWhoseReadAheadFillsOnTheLastFramesStillSeesTheEnd() throws Exception {
        Channel channel = worker.channels().create().get();
        int frame = ChannelWriter.FRAME_SIZE;
        int frames = (int) (2 * ReadQueue.READ_AHEAD_BYTES / frame);
        // The whole stream waits in the engine before the reader opens: it then arrives at once.
        try (ChannelWriter out = channel.writer()) {
            for (int i = 0; i < frames; i++) {
                out.write(new byte[frame]);
            }
            out.sendMessage("done");
        }
        ReadEnd reader = (ReadEnd) channel.reader();
        List<String> messages = new CopyOnWriteArrayList<>();
        reader.onMessage(messages::add);
        byte[] half = new byte[(int) (ReadQueue.READ_AHEAD_BYTES / 2)];
        // The reader takes half its read-ahead, and half again once it is full: the second time it fills on the
        // last frame, with the message and the end of the stream right behind it.
        long read = reader.readNBytes(half, 0, half.length);
        await().atMost(WAIT).until(reader::isSuspended);
        read += reader.readNBytes(half, 0, half.length);
        await().atMost(WAIT).until(reader::isSuspended);
        CompletableFuture<Long> rest = CompletableFuture.supplyAsync(() -> {
            try {
                return (long) reader.readAllBytes().length;
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
        read += rest.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(read).isEqualTo((long) frames * frame);
        assertThat(messages).containsExactly("done");
    }

    /** A socket of the JDK's client that only records the code it was closed with. */
    private static WebSocket socket(AtomicReference<Integer> closed) {
        return (WebSocket) Proxy.newProxyInstance(ChannelEndSocketsTest.class.getClassLoader(),
                new Class<?>[] {WebSocket.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "sendClose" -> {
                        closed.compareAndSet(null, (Integer) args[0]);
                        yield CompletableFuture.completedFuture(proxy);
                    }
                    case "abort" -> {
                        closed.compareAndSet(null, SocketClose.NO_CLOSE_FRAME.code());
                        yield null;
                    }
                    case "request" -> null;
                    case "isOutputClosed" -> closed.get() != null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "a late socket";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
