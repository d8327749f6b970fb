package dev.iii.engine;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import dev.iii.protocol.InvocationResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.iii.engine.TestWorker.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Data channels (wire specification §10): {@code engine::channels::create} and the {@code /ws/channels} ends. */
class ChannelTest {

    private EmbeddedEngine engine;
    private TestWorker worker;

    @BeforeEach
    void start() {
        engine = EngineTestSupport.start(EngineTestSupport.fastOptions().withChannelTtl(Duration.ofMillis(300)));
        worker = TestWorker.registered(engine, "channels");
    }

    @AfterEach
    void stop() {
        worker.close();
        engine.close();
    }

    @Test
    void createAnswersAWriterAndAReaderRefOfOneChannel() {
        JsonNode refs = worker.callOk("engine::channels::create", object());
        JsonNode writer = refs.get("writer");
        JsonNode reader = refs.get("reader");
        assertThat(writer.get("direction").asString()).isEqualTo("write");
        assertThat(reader.get("direction").asString()).isEqualTo("read");
        assertThat(writer.get("channel_id").asString()).isEqualTo(reader.get("channel_id").asString());
        assertThat(writer.get("access_key").asString()).isEqualTo(reader.get("access_key").asString());
        UUID.fromString(writer.get("channel_id").asString());
        assertThat(channel(refs).capacity).isEqualTo(64);
    }

    @Test
    void theBufferSizeIsCappedAt1024AndIsAtLeastOne() {
        assertThat(channel(worker.callOk("engine::channels::create", object().put("buffer_size", 5000))).capacity)
                .isEqualTo(1024);
        assertThat(channel(worker.callOk("engine::channels::create", object().put("buffer_size", 0))).capacity)
                .isEqualTo(1);
        assertThat(channel(worker.callOk("engine::channels::create", object().put("buffer_size", 7))).capacity)
                .isEqualTo(7);
        InvocationResult negative = worker.call("engine::channels::create", object().put("buffer_size", -1));
        assertThat(negative.error().code()).isEqualTo("deserialization_error");
        assertThat(negative.error().message()).startsWith("Failed to deserialize input for engine::channels::create");
    }

    @Test
    void aWrongKeyOrAnUnknownIdIs404AndABadQueryIs400() {
        JsonNode writer = worker.callOk("engine::channels::create", object()).get("writer");
        String id = writer.get("channel_id").asString();
        String key = writer.get("access_key").asString();
        assertThat(RawChannelEnd.refusedStatus(engine, id, "wrong-key", "write")).isEqualTo(404);
        assertThat(RawChannelEnd.refusedStatus(engine, UUID.randomUUID().toString(), key, "read")).isEqualTo(404);
        assertThat(RawChannelEnd.refusedStatus(engine, id, key, "sideways")).isEqualTo(400);
    }

    @Test
    void textAndBinaryMessagesArriveInOrderAndTheWritersCloseEndsTheStream() {
        JsonNode refs = worker.callOk("engine::channels::create", object());
        try (RawChannelEnd reader = RawChannelEnd.open(engine, refs.get("reader"));
                RawChannelEnd writer = RawChannelEnd.open(engine, refs.get("writer"))) {
            writer.sendText("{\"type\":\"progress\",\"done\":1}");
            writer.sendBinary(new byte[] {1, 2, 3});
            writer.sendText("second");
            writer.sendBinary(new byte[] {4});
            writer.closeNormally();
            assertThat(reader.awaitClose()).isEqualTo(1000);
            assertThat(reader.received).extracting(RawChannelEnd.Received::text).containsExactly(true, false, true, false);
            assertThat(reader.received.get(0).asText()).isEqualTo("{\"type\":\"progress\",\"done\":1}");
            assertThat(reader.received.get(2).asText()).isEqualTo("second");
            assertThat(reader.bytes()).containsExactly(1, 2, 3, 4);
        }
        await().until(() -> engine.core().channels.size() == 0);
    }

    @Test
    void whatTheWriterSendsBeforeTheReaderComesWaitsForIt() {
        JsonNode refs = worker.callOk("engine::channels::create", object());
        try (RawChannelEnd writer = RawChannelEnd.open(engine, refs.get("writer"))) {
            writer.sendBinary("early".getBytes());
            writer.closeNormally();
            await().until(() -> channel(refs).queued() == 1);
            try (RawChannelEnd reader = RawChannelEnd.open(engine, refs.get("reader"))) {
                assertThat(reader.awaitClose()).isEqualTo(1000);
                assertThat(new String(reader.bytes())).isEqualTo("early");
            }
        }
    }

    @Test
    void eachEndOpensOnce() {
        JsonNode refs = worker.callOk("engine::channels::create", object());
        try (RawChannelEnd reader = RawChannelEnd.open(engine, refs.get("reader"));
                RawChannelEnd again = RawChannelEnd.open(engine, refs.get("reader"));
                RawChannelEnd writer = RawChannelEnd.open(engine, refs.get("writer"));
                RawChannelEnd writerAgain = RawChannelEnd.open(engine, refs.get("writer"))) {
            assertThat(again.awaitClose()).isEqualTo(1008);
            assertThat(writerAgain.awaitClose()).isEqualTo(1008);
            assertThat(again.closeReason()).isEqualTo("channel end already open");
            // The first ends still work.
            writer.sendBinary(new byte[] {9});
            writer.closeNormally();
            assertThat(reader.awaitClose()).isEqualTo(1000);
            assertThat(reader.bytes()).containsExactly(9);
        }
    }

    @Test
    void aFullChannelHoldsItsWriterBackUntilTheReaderTakesMessages() {
        JsonNode refs = worker.callOk("engine::channels::create", object().put("buffer_size", 4));
        EngineChannel channel = channel(refs);
        byte[] chunk = new byte[64 * 1024];
        int messages = 200;
        try (RawChannelEnd reader = RawChannelEnd.openSlow(engine, refs.get("reader"));
                RawChannelEnd writer = RawChannelEnd.open(engine, refs.get("writer"))) {
            Thread producer = new Thread(() -> {
                for (int i = 0; i < messages; i++) {
                    Arrays.fill(chunk, (byte) i);
                    writer.sendBinary(chunk.clone());
                }
                writer.closeNormally();
            });
            producer.start();
            // The reader has taken one message; the engine holds at most its buffer and the message being read.
            await().until(() -> channel.queued() >= 4);
            await().during(Duration.ofMillis(300)).until(() -> channel.queued() <= 5);
            assertThat(producer.isAlive()).as("the writer is held back").isTrue();
            reader.takeAll();
            assertThat(reader.awaitClose()).isEqualTo(1000);
            assertThat(reader.bytes()).hasSize(messages * chunk.length);
            for (int i = 0; i < messages; i++) {
                assertThat(reader.bytes()[i * chunk.length]).isEqualTo((byte) i);
            }
        }
    }

    @Test
    void aReaderThatGoesAwayClosesTheWriter() {
        JsonNode refs = worker.callOk("engine::channels::create", object());
        try (RawChannelEnd writer = RawChannelEnd.open(engine, refs.get("writer"))) {
            RawChannelEnd reader = RawChannelEnd.open(engine, refs.get("reader"));
            writer.sendBinary(new byte[] {1});
            reader.awaitReceived(1);
            reader.close();
            assertThat(writer.awaitClose()).isEqualTo(1011);
            assertThat(writer.closeReason()).isEqualTo("the reader of the channel is gone");
        }
        await().until(() -> engine.core().channels.size() == 0);
    }

    @Test
    void aWriterThatGoesAwayWithoutClosingEndsTheReaderWith1011() {
        JsonNode refs = worker.callOk("engine::channels::create", object());
        try (RawChannelEnd reader = RawChannelEnd.open(engine, refs.get("reader"))) {
            RawChannelEnd writer = RawChannelEnd.open(engine, refs.get("writer"));
            writer.sendBinary(new byte[] {5});
            reader.awaitReceived(1);
            writer.close();
            assertThat(reader.awaitClose()).isEqualTo(1011);
            assertThat(reader.bytes()).containsExactly(5);
        }
    }

    @Test
    void channelsWithAnEndThatNeverConnectedAreSwept() {
        JsonNode onlyWriter = worker.callOk("engine::channels::create", object());
        JsonNode onlyReader = worker.callOk("engine::channels::create", object());
        worker.callOk("engine::channels::create", object());
        try (RawChannelEnd writer = RawChannelEnd.open(engine, onlyWriter.get("writer"));
                RawChannelEnd reader = RawChannelEnd.open(engine, onlyReader.get("reader"))) {
            assertThat(writer.awaitClose()).isEqualTo(1011);
            assertThat(reader.awaitClose()).isEqualTo(1011);
            assertThat(reader.closeReason()).isEqualTo("the channel expired before its writer connected");
        }
        await().until(() -> engine.core().channels.size() == 0);
        JsonNode late = onlyWriter.get("reader");
        assertThat(RawChannelEnd.refusedStatus(engine, late.get("channel_id").asString(),
                late.get("access_key").asString(), "read")).isEqualTo(404);
    }

    private EngineChannel channel(JsonNode refs) {
        JsonNode writer = refs.get("writer");
        return engine.core().channels.find(writer.get("channel_id").asString(), writer.get("access_key").asString());
    }
}
