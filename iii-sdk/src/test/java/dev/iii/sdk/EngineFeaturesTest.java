package dev.iii.sdk;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What newer engines add: {@code features} in the greeting, members and frame types this SDK does not know. */
class EngineFeaturesTest {

    private RawWebSocketPeer peer;
    private IIIWorker worker;

    @AfterEach
    void stop() throws Exception {
        if (worker != null) {
            worker.shutdown(Duration.ofSeconds(1));
        }
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void theEnginesFeaturesAreReadableAndUnknownMembersAndFramesPassWithoutComplaint() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            peer = new RawWebSocketPeer();
            worker = III.registerWorker(WorkerOptions.builder().url(peer.url()).name("newer-engine")
                    .reconnectPolicy(ConnectSequenceTest.fastReconnect()).build());
            RawWebSocketPeer.Connection connection = peer.nextConnection();
            List<Message> sent = connection.acceptHandshakeWith("{\"type\":\"workerregistered\",\"worker_id\":\"w-1\","
                    + "\"reattach_token\":\"t\",\"features\":[\"observe\",\"local_dispatch\"],\"engine_version\":\"0.25.0\"}");
            await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
            connection.sendText("{\"type\":\"observerregistered\",\"id\":\"o-1\",\"ready\":true}");
            connection.sendText("{\"type\":\"ping\",\"sequence\":7}");
            assertThat(connection.readText()).isEqualTo("{\"type\":\"pong\"}");

            assertThat(worker.engineFeatures().has("observe")).isTrue();
            assertThat(worker.engineFeatures().has("local_dispatch")).isTrue();
            assertThat(worker.engineFeatures().has("channels")).isFalse();
            assertThat(worker.connectionState()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(logs.lines(Level.INFO)).noneMatch(line -> line.startsWith("WARN") || line.startsWith("ERROR"));
            // It announces nothing: the metadata call carries no features of its own.
            assertThat(sent).filteredOn(InvokeFunction.class::isInstance).map(InvokeFunction.class::cast)
                    .filteredOn(call -> call.functionId().equals("engine::workers::register"))
                    .singleElement().satisfies(call -> assertThat(call.data().tree().has("features")).isFalse());

            connection.close();
            await().until(() -> worker.connectionState() != ConnectionState.CONNECTED);
            assertThat(worker.engineFeatures()).isEqualTo(EngineFeatures.NONE);
        }
    }

    @Test
    void anEngineBeforeFeaturesOffersNone() throws Exception {
        peer = new RawWebSocketPeer();
        worker = III.registerWorker(WorkerOptions.builder().url(peer.url()).name("older-engine").build());
        peer.nextConnection().acceptHandshake("w-1");
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
        assertThat(worker.engineFeatures().isEmpty()).isTrue();
        assertThat(worker.engineFeatures().has("observe")).isFalse();
    }

    @Test
    void featuresAsAnObjectOfFlags() {
        EngineFeatures features = EngineFeatures.of(tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree("{\"observe\":true,\"local_dispatch\":{\"version\":1},\"channels\":false,\"x\":null}"));
        assertThat(features.has("observe")).isTrue();
        assertThat(features.has("local_dispatch")).isTrue();
        assertThat(features.has("channels")).isFalse();
        assertThat(features.has("x")).isFalse();
        assertThat(features.has("missing")).isFalse();
    }
}
