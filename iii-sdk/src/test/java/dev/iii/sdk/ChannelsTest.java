package dev.iii.sdk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Level;
import dev.iii.engine.EmbeddedEngine;
import dev.iii.sdk.channel.Channel;
import dev.iii.sdk.channel.ChannelDirection;
import dev.iii.sdk.channel.ChannelException;
import dev.iii.sdk.channel.ChannelReader;
import dev.iii.sdk.channel.ChannelRef;
import dev.iii.sdk.channel.ChannelWriter;
import dev.iii.sdk.function.FunctionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Data channels through the embedded engine: creating them, streaming bytes and messages in order, refs bound to
 * ends in payloads and passed on, back-pressure that holds a writer at a bounded distance from a stalled reader,
 * and each failure as a {@link ChannelException} naming the channel and never its key.
 */
class ChannelsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /**
     * What a writer hears when its reader left: the engine's Close with its reason, or, when that Close crossed the
     * writer's next frame and the dropped connection broke the send first, the same meaning without the reason.
     */
    private static final String READER_GONE = "(?s).*(the reader of the channel is gone"
            + "|The reader of channel \\S+ is gone, or the connection to the engine broke: \\w+).*";

    /** A payload carrying a read end. */
    record Upload(String name, ChannelReader data) {
    }

    /** A payload carrying a write end. */
    record Download(int size, ChannelWriter out) {
    }

    private EmbeddedEngine engine;
    private IIIWorker alice;
    private IIIWorker bob;

    @BeforeEach
    void start() throws Exception {
        engine = EmbeddedEngine.builder().port(0).httpPort(0).build().start();
        alice = worker("alice");
        bob = worker("bob");
    }

    @AfterEach
    void stop() {
        for (IIIWorker each : new IIIWorker[] {alice, bob}) {
            if (each != null) {
                each.shutdown(Duration.ofSeconds(1));
            }
        }
        engine.close();
    }

    private IIIWorker worker(String name) throws InterruptedException {
        IIIWorker worker = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name(name).build()).start();
        assertThat(worker.awaitConnected(WAIT)).isTrue();
        return worker;
    }

    @Test
    void bytesAndMessagesArriveInTheOrderTheyWereWritten() throws Exception {
        Channel channel = alice.channels().create().get();
        List<String> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try (ChannelReader reader = channel.reader()) {
                return reader.onMessage(message -> seen.add("message " + message + " after "
                        + seen.stream().filter(s -> s.startsWith("bytes")).count())).readAllBytes();
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        });
        try (ChannelWriter writer = channel.writer()) {
            writer.sendMessage("first");
            writer.write("hello ".getBytes(StandardCharsets.UTF_8));
            writer.sendMessage("second");
            writer.write("world".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(new String(read.get(20, TimeUnit.SECONDS), StandardCharsets.UTF_8)).isEqualTo("hello world");
        assertThat(seen).containsExactly("message first after 0", "message second after 0");
        await().until(() -> alice.channels() != null && openEnds(alice) == 0);
    }

    /** The example of docs/sdk.md, "Data channels": a file streamed to another worker's handler. */
    @Test
    void theGuidesExampleStreamsAFileToAnotherWorker(@TempDir Path directory) throws Exception {
        Path path = Files.write(directory.resolve("report.pdf"), random(3 * 1024 * 1024));
        IIIWorker worker = bob;
        // docs:start
        // The called worker: the ChannelReader in the payload is the read end, opened on the first read.
        worker.registerFunction("files::checksum", FunctionOptions.none(), Upload.class, (upload, context) -> {
            try (InputStream data = upload.data()) {
                return Map.of("name", upload.name(), "sha256", sha256(data));
            }
        });
        // docs:end
        alice.awaitFunction("files::checksum", WAIT).get(20, TimeUnit.SECONDS);
        IIIWorker caller = alice;
        // docs:start
        // The caller: create a channel, hand its reader to the call, write the file into its writer.
        Channel channel = caller.channels().create().get();
        CompletableFuture<JsonNode> checksum = caller.call("files::checksum",
                Map.of("name", "report.pdf", "data", channel.reader()));
        try (ChannelWriter out = channel.writer(); InputStream file = Files.newInputStream(path)) {
            file.transferTo(out);
        }
        // docs:end
        assertThat(checksum.get(20, TimeUnit.SECONDS).get("sha256").asString())
                .isEqualTo(sha256(Files.readAllBytes(path)));
    }

    @Test
    void aNonBlockingHandlerThatReadsAChannelBeforeItsDataArrivedIsAnsweredAtOnce() throws Exception {
        bob.registerFunction("bob::read-now", FunctionOptions.builder().nonBlocking(true).build(), Upload.class,
                (upload, context) -> upload.data().read());
        awaitFunction("bob::read-now");
        Channel channel = alice.channels().create().get();
        CompletableFuture<JsonNode> reading = alice.call("bob::read-now",
                Map.of("name", "empty.bin", "data", channel.reader()));
        // Nothing is ever written: a read that waited would hang the reading thread until the call timed out.
        assertThatThrownBy(() -> reading.get(20, TimeUnit.SECONDS)).cause().isInstanceOf(InvocationException.class)
                .hasMessageContaining("reading channel").hasMessageContaining("non-blocking")
                .satisfies(refused -> assertThat(((InvocationException) refused).getCode())
                        .isEqualTo(ErrorCode.INVOCATION_FAILED));
        channel.writer().close();
    }

    @Test
    void aNonBlockingHandlerThatWritesAChannelBeforeItsSocketOpenedIsAnsweredAtOnce() throws Exception {
        bob.registerFunction("bob::write-now", FunctionOptions.builder().nonBlocking(true).build(), Download.class,
                (download, context) -> {
                    download.out().write(new byte[download.size()]);
                    download.out().flush();
                    return "written";
                });
        awaitFunction("bob::write-now");
        Channel channel = alice.channels().create().get();
        CompletableFuture<JsonNode> writing = alice.call("bob::write-now", Map.of("size", 10, "out",
                channel.writer()));
        // The write end's socket opens on the first write, and its open completes on the thread the handler holds.
        assertThatThrownBy(() -> writing.get(20, TimeUnit.SECONDS)).cause().isInstanceOf(InvocationException.class)
                .hasMessageContaining("non-blocking")
                .satisfies(refused -> assertThat(((InvocationException) refused).getCode())
                        .isEqualTo(ErrorCode.INVOCATION_FAILED));
        channel.reader().close();
    }

    @Test
    void aReaderRefInAPayloadIsBoundToAReaderOfTheCalledWorker() throws Exception {
        bob.registerFunction("bob::digest", FunctionOptions.none(), Upload.class,
                (upload, context) -> Map.of("name", upload.name(), "sha256", sha256(upload.data())));
        awaitFunction("bob::digest");
        byte[] content = random(5 * 1024 * 1024 + 3);
        Channel channel = alice.channels().create().get();
        CompletableFuture<JsonNode> digest = alice.call("bob::digest",
                Map.of("name", "report.bin", "data", channel.reader()));
        try (ChannelWriter writer = channel.writer()) {
            writer.write(content);
        }
        assertThat(digest.get(20, TimeUnit.SECONDS).get("sha256").asString()).isEqualTo(sha256(content));
    }

    @Test
    void aWriterRefInAPayloadLetsTheCalledWorkerStreamBack() throws Exception {
        bob.registerFunction("bob::produce", FunctionOptions.none(), Download.class, (download, context) -> {
            try (ChannelWriter out = download.out()) {
                out.write(pattern(download.size()));
            }
            return null;
        });
        awaitFunction("bob::produce");
        Channel channel = alice.channels().create(8).get();
        CompletableFuture<?> call = alice.call("bob::produce", Map.of("size", 3_000_000, "out", channel.writerRef()));
        try (ChannelReader reader = channel.reader()) {
            assertThat(reader.readAllBytes()).isEqualTo(pattern(3_000_000));
        }
        call.get(20, TimeUnit.SECONDS);
    }

    @Test
    void anUnusedEndIsPassedOnToAThirdWorker() throws Exception {
        IIIWorker carol = worker("carol");
        try {
            carol.registerFunction("carol::read", FunctionOptions.none(), Upload.class,
                    (upload, context) -> new String(upload.data().readAllBytes(), StandardCharsets.UTF_8));
            bob.registerFunction("bob::relay", FunctionOptions.none(), Upload.class,
                    (upload, context) -> bob.call("carol::read", Map.of("name", upload.name(), "data", upload.data()))
                            .join());
            awaitFunction("carol::read");
            awaitFunction("bob::relay");
            Channel channel = alice.channels().create().get();
            CompletableFuture<JsonNode> relayed = alice.call("bob::relay",
                    Map.of("name", "x", "data", channel.reader()));
            try (ChannelWriter writer = channel.writer()) {
                writer.write("passed along".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(relayed.get(20, TimeUnit.SECONDS).asString()).isEqualTo("passed along");
        }
        finally {
            carol.shutdown(Duration.ofSeconds(1));
        }
    }

    @Test
    void anEndInUseCannotBePassedOn() throws Exception {
        Channel channel = alice.channels().create().get();
        channel.writer().write(1);
        assertThatThrownBy(() -> alice.callVoid("bob::anything", Map.of("out", channel.writer())))
                .hasMessageContaining("end of channel " + channel.writerRef().channelId() + " is in use in this worker");
        channel.writer().close();
    }

    @Test
    void aStalledReaderHoldsTheWriterBackAtABoundedDistance() throws Exception {
        Channel channel = alice.channels().create().get();
        AtomicLong written = new AtomicLong();
        int frame = ChannelWriter.FRAME_SIZE;
        long total = 128L * 1024 * 1024;
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            byte[] chunk = new byte[frame];
            try (ChannelWriter writer = channel.writer()) {
                for (long sent = 0; sent < total; sent += frame) {
                    chunk[0] = (byte) (sent / frame);
                    writer.write(chunk);
                    written.addAndGet(frame);
                }
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        });
        ChannelReader reader = channel.reader();
        byte[] buffer = new byte[frame];
        long read = readFully(reader, buffer, 4 * frame);
        // The reader stops; the writer gets only as far as the buffers between them hold.
        await().atMost(WAIT).until(() -> written.get() > read);
        await().atMost(WAIT).during(Duration.ofMillis(500)).until(() -> !writing.isDone());
        // Between them: the writer's queue, the engine's 64 frames, the reader's read-ahead and four TCP buffers
        // (about 16 MiB on a Linux loopback); without back-pressure the writer would be done with all 128 MiB.
        long ahead = written.get() - read;
        assertThat(ahead).as("bytes written ahead of the stalled reader").isLessThan(48L * 1024 * 1024);
        // Reading on lets the writer finish, and every frame arrived whole and in order.
        long more = read;
        int index = 4;
        int got;
        while ((got = reader.readNBytes(buffer, 0, frame)) > 0) {
            assertThat(got).isEqualTo(frame);
            assertThat(buffer[0]).isEqualTo((byte) index++);
            more += got;
        }
        writing.get(30, TimeUnit.SECONDS);
        assertThat(more).isEqualTo(total);
    }

    @Test
    void thePublisherDeliversTheBytesAsRequested() throws Exception {
        Channel channel = alice.channels().create().get();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        List<String> messages = new CopyOnWriteArrayList<>();
        CountDownLatch completed = new CountDownLatch(1);
        channel.reader().onMessage(messages::add).publisher().subscribe(new Flow.Subscriber<ByteBuffer>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                this.subscription = subscription;
                subscription.request(1);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                synchronized (received) {
                    received.writeBytes(bytes);
                }
                subscription.request(1);
            }

            @Override
            public void onError(Throwable throwable) {
                throw new AssertionError(throwable);
            }

            @Override
            public void onComplete() {
                completed.countDown();
            }
        });
        try (ChannelWriter writer = channel.writer()) {
            writer.write(pattern(1_000_000));
            writer.sendMessage("done");
        }
        assertThat(completed.await(20, TimeUnit.SECONDS)).isTrue();
        synchronized (received) {
            assertThat(received.toByteArray()).isEqualTo(pattern(1_000_000));
        }
        assertThat(messages).containsExactly("done");
    }

    @Test
    void aWriterClosedUnusedEndsTheReadersStream() throws Exception {
        Channel channel = alice.channels().create().get();
        channel.writer().close();
        try (ChannelReader reader = channel.reader()) {
            assertThat(reader.read()).isEqualTo(-1);
        }
    }

    @Test
    void aWrongKeyIsAClearErrorNamingTheChannelButNotTheKey() throws Exception {
        Channel channel = alice.channels().create().get();
        String id = channel.readerRef().channelId();
        try (LogCapture logs = new LogCapture()) {
            ChannelReader wrong = alice.channels().reader(new ChannelRef(id, "not-the-key-42", ChannelDirection.READ));
            assertThatThrownBy(wrong::read).isInstanceOfSatisfying(ChannelException.class, error -> {
                assertThat(error.getChannelId()).isEqualTo(id);
                assertThat(error.getMessage()).contains("channel " + id).contains("access key is wrong")
                        .contains("HTTP 404").doesNotContain("not-the-key-42");
            });
            ChannelWriter wrongWriter = alice.channels().writer(new ChannelRef(id, "not-the-key-42",
                    ChannelDirection.WRITE));
            // A write is gathered into a frame; the frame's send (flush, close) is where the refusal shows.
            wrongWriter.write(1);
            assertThatThrownBy(wrongWriter::flush).isInstanceOf(ChannelException.class)
                    .hasMessageContaining("HTTP 404");
            assertThatThrownBy(() -> wrongWriter.write(2)).isInstanceOf(ChannelException.class)
                    .hasMessageContaining("HTTP 404");
            assertThat(logs.lines(Level.DEBUG)).noneMatch(line -> line.contains("not-the-key-42")
                    || line.contains(channel.readerRef().accessKey()));
        }
        assertThat(channel.readerRef().toString()).doesNotContain(channel.readerRef().accessKey());
    }

    @Test
    void anEndOpenedTwiceFails() throws Exception {
        Channel channel = alice.channels().create().get();
        ChannelReader first = channel.reader();
        CompletableFuture<Integer> reading = CompletableFuture.supplyAsync(() -> {
            try {
                return first.read();
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        });
        await().until(() -> openEnds(alice) == 1);
        // in this worker
        assertThatThrownBy(() -> alice.channels().reader(channel.readerRef()).read())
                .isInstanceOf(ChannelException.class).hasMessageContaining("open in this worker already");
        // in another worker, once the engine has it
        await().atMost(WAIT).untilAsserted(() -> assertThatThrownBy(() -> bob.channels().reader(channel.readerRef())
                .read()).isInstanceOf(ChannelException.class).hasMessageContaining("is open elsewhere already"));
        channel.writer().write(7);
        channel.writer().close();
        assertThat(reading.get(20, TimeUnit.SECONDS)).isEqualTo(7);
    }

    @Test
    void anEndRefusedAsOpenAlreadyFailsEveryLaterCallAtOnce() throws Exception {
        Channel channel = alice.channels().create().get();
        ChannelReader first = channel.reader();
        CompletableFuture<Integer> reading = CompletableFuture.supplyAsync(() -> {
            try {
                return first.read();
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        });
        await().until(() -> openEnds(alice) == 1);
        ChannelReader second = alice.channels().reader(channel.readerRef());
        Throwable refused = failureOf(second::read);
        assertThat(refused).isInstanceOf(ChannelException.class).hasMessageContaining("open in this worker already");
        assertThat(failureOf(second::read)).isSameAs(refused);
        CompletableFuture<Throwable> published = new CompletableFuture<>();
        alice.channels().reader(channel.readerRef()).publisher().subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(1);
            }

            @Override
            public void onNext(ByteBuffer item) {
                published.completeExceptionally(new AssertionError("bytes from a refused end"));
            }

            @Override
            public void onError(Throwable throwable) {
                published.complete(throwable);
            }

            @Override
            public void onComplete() {
                published.completeExceptionally(new AssertionError("a refused end completed"));
            }
        });
        assertThat(published.get(10, TimeUnit.SECONDS)).isInstanceOf(ChannelException.class)
                .hasMessageContaining("open in this worker already");

        ChannelWriter writer = channel.writer();
        writer.write(7);
        writer.flush();
        ChannelWriter again = alice.channels().writer(channel.writerRef());
        Throwable writeRefused = failureOf(() -> again.write(8));
        assertThat(writeRefused).isInstanceOf(ChannelException.class)
                .hasMessageContaining("open in this worker already");
        // try-with-resources closes it: that must not wait for a socket that is never opened
        assertThat(failureOf(again::close)).isSameAs(writeRefused);
        writer.close();
        assertThat(reading.get(20, TimeUnit.SECONDS)).isEqualTo(7);
    }

    @Test
    void aSubscriberThatThrowsIsCancelledAndItsEndClosed() throws Exception {
        Channel channel = alice.channels().create().get();
        ChannelWriter writer = bob.channels().writer(channel.writerRef());
        List<String> signals = new CopyOnWriteArrayList<>();
        channel.reader().publisher().subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                signals.add("subscribe");
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                signals.add("next");
                throw new IllegalStateException("a subscriber's bug");
            }

            @Override
            public void onError(Throwable throwable) {
                signals.add("error");
            }

            @Override
            public void onComplete() {
                signals.add("complete");
            }
        });
        writer.write(new byte[10]);
        writer.flush();
        // The writer is still open: only the reader's own close ends the end.
        await().atMost(WAIT).until(() -> openEnds(alice) == 0);
        assertThatThrownBy(() -> {
            byte[] chunk = new byte[ChannelWriter.FRAME_SIZE];
            for (int i = 0; i < 1000; i++) {
                writer.write(chunk);
            }
        }).isInstanceOf(ChannelException.class).hasMessageMatching(READER_GONE);
        assertThat(signals).containsExactly("subscribe", "next");
    }

    @Test
    void aReaderThatGoesAwayFailsTheWriter() throws Exception {
        Channel channel = alice.channels().create().get();
        ChannelReader reader = bob.channels().reader(channel.readerRef());
        ChannelWriter writer = channel.writer();
        writer.write(new byte[10]);
        writer.flush();
        assertThat(reader.read()).isZero();
        reader.close();
        assertThatThrownBy(() -> {
            byte[] chunk = new byte[ChannelWriter.FRAME_SIZE];
            for (int i = 0; i < 1000; i++) {
                writer.write(chunk);
            }
        }).isInstanceOf(ChannelException.class).hasMessageMatching(READER_GONE);
    }

    @Test
    void aWriterWhoseWorkerGoesAwayFailsTheReader() throws Exception {
        Channel channel = alice.channels().create().get();
        ChannelWriter writer = bob.channels().writer(channel.writerRef());
        writer.write(new byte[] {1, 2});
        writer.flush();
        ChannelReader reader = channel.reader();
        assertThat(reader.readNBytes(2)).containsExactly(1, 2);
        bob.shutdown(Duration.ofMillis(100));
        assertThatThrownBy(reader::read).isInstanceOf(ChannelException.class)
                .hasMessageContaining("Channel " + channel.readerRef().channelId());
        assertThatThrownBy(() -> writer.write(3)).isInstanceOf(ChannelException.class)
                .hasMessageContaining("was aborted");
    }

    @Test
    void shutdownEndsAWriterHeldBackByAReaderThatNeverCame() throws Exception {
        Channel channel = bob.channels().create(1).get();
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            byte[] chunk = new byte[ChannelWriter.FRAME_SIZE];
            try {
                while (true) {
                    channel.writer().write(chunk);
                }
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        });
        await().atMost(WAIT).during(Duration.ofMillis(300)).until(() -> !writing.isDone());
        long started = System.nanoTime();
        bob.shutdown(Duration.ofMillis(100));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(Failures.unwrap(writing.handle((value, error) -> error).get(10, TimeUnit.SECONDS)).getCause())
                .isInstanceOf(ChannelException.class);
    }

    /** What {@code call} throws, within a bound: a call that hangs fails the test instead. */
    private static Throwable failureOf(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) throws Exception {
        return CompletableFuture.supplyAsync(() -> org.assertj.core.api.Assertions.catchThrowable(call))
                .get(10, TimeUnit.SECONDS);
    }

    private int openEnds(IIIWorker worker) {
        return ((dev.iii.sdk.internal.channel.ChannelEnds) worker.channels()).openEnds();
    }

    private void awaitFunction(String id) {
        await().atMost(WAIT).until(() -> alice.discovery().listFunctions().get().stream().anyMatch(f -> f.functionId().equals(id)));
    }

    private static long readFully(InputStream in, byte[] buffer, int bytes) throws IOException {
        long total = 0;
        while (total < bytes) {
            int got = in.read(buffer, 0, (int) Math.min(buffer.length, bytes - total));
            if (got < 0) {
                break;
            }
            total += got;
        }
        return total;
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + (i >> 16));
        }
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) > 0) {
            digest.update(buffer, 0, read);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
