package dev.iii.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.iii.engine.TestWorker.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Worker metrics as the Node SDK 0.22.1 sends them ({@code MTRC} frames, recorded in
 * {@code vectors/node-sdk-0.22.1-frames.jsonl}) and as {@code engine::workers::info} reports them.
 */
class WorkerMetricsTest {

    /** The snapshot the real engine makes of the recorded frame (values from its gauges, time from its points). */
    private static final String RECORDED_SNAPSHOT = "{\"cpu_percent\":0.29788529183678325,\"cpu_system_micros\":144431,"
            + "\"cpu_user_micros\":943004,\"event_loop_lag_ms\":20.14024898451508,\"memory_external\":2515543,"
            + "\"memory_heap_total\":13533184,\"memory_heap_used\":12316872,\"memory_rss\":77471744,"
            + "\"runtime\":\"node\",\"timestamp_ms\":1795348279452,\"uptime_seconds\":49}";

    private EmbeddedEngine engine;

    @BeforeEach
    void start() {
        engine = EngineTestSupport.start();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void theNodeSdksMetricsFrameOnTheTelemetrySocketBecomesLatestMetrics() {
        try (TestWorker worker = TestWorker.registered(engine, "node-like")) {
            assertThat(info(worker, "node-like").has("latest_metrics")).isFalse();
            WebSocket otel = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(engine.url() + "/otel"), new WebSocket.Listener() {
                    }).join();
            try {
                otel.sendBinary(ByteBuffer.wrap(RecordedMetricsFrame.forWorker(worker.workerId)), true).join();
                await().atMost(TestWorker.WAIT).until(() -> info(worker, "node-like").has("latest_metrics"));
                assertThat(info(worker, "node-like").get("latest_metrics")).isEqualTo(TestWorker.JSON.readTree(RECORDED_SNAPSHOT));
            }
            finally {
                otel.abort();
            }
        }
    }

    @Test
    void metricsFramesOnTheWorkerSocketCountAlikeAndOnlyForTheWorkerTheyName() {
        try (TestWorker reporter = TestWorker.registered(engine, "reporter");
                TestWorker quiet = TestWorker.registered(engine, "quiet")) {
            reporter.sendBinary(RecordedMetricsFrame.forWorker(reporter.workerId));
            await().atMost(TestWorker.WAIT).until(() -> info(reporter, "reporter").has("latest_metrics"));
            assertThat(info(reporter, "reporter").get("latest_metrics"))
                    .isEqualTo(TestWorker.JSON.readTree(RECORDED_SNAPSHOT));
            assertThat(info(reporter, "quiet").has("latest_metrics")).isFalse();
            // the worker list carries no metrics, as in the real engine
            for (JsonNode row : reporter.callOk("engine::workers::list", object()).get("workers")) {
                assertThat(row.has("latest_metrics")).isFalse();
            }
        }
    }

    @Test
    void aMalformedMetricsFrameIsDroppedWholeAndTheSocketStaysOpen() {
        try (TestWorker reporter = TestWorker.registered(engine, "sloppy")) {
            String valid = new String(RecordedMetricsFrame.forWorker(reporter.workerId), StandardCharsets.UTF_8);
            // one time as a fraction anywhere in the request, and the real engine reads none of it
            String broken = valid.replaceFirst("\"timeUnixNano\":\"(\\d+)\"", "\"timeUnixNano\":1.5");
            reporter.sendBinary(broken.getBytes(StandardCharsets.UTF_8));
            reporter.sendBinary("MTRCnot json".getBytes(StandardCharsets.UTF_8));
            // a frame after them still counts: they were dropped, the socket lives
            reporter.sendBinary(RecordedMetricsFrame.forWorker(reporter.workerId));
            await().atMost(TestWorker.WAIT).until(() -> info(reporter, "sloppy").has("latest_metrics"));
            assertThat(reporter.isClosed()).isFalse();
        }
    }

    private static JsonNode info(TestWorker caller, String name) {
        return caller.callOk("engine::workers::info", object().put("name", name)).get("worker");
    }

    /**
     * The recorded {@code MTRC} frame: the recording keeps the OTLP/JSON of the first one in full (record
     * {@code otel MTRC binary frame} with a {@code json} member) and its size, so the frame is its prefix and that
     * JSON written compactly, which gives back exactly the recorded size.
     */
    static final class RecordedMetricsFrame {

        private static final String RECORDED_WORKER_ID = "ec2cc127-ab98-4c6d-906b-bce69c626a35";

        static byte[] forWorker(String workerId) {
            JsonNode record = recordedFrame();
            String json = TestWorker.JSON.writeValueAsString(record.get("frame").get("json"));
            byte[] frame = ("MTRC" + json).getBytes(StandardCharsets.UTF_8);
            assertThat(frame).hasSize(record.get("frame").get("bytes").asInt());
            assertThat(json).contains(RECORDED_WORKER_ID);
            return ("MTRC" + json.replace(RECORDED_WORKER_ID, workerId)).getBytes(StandardCharsets.UTF_8);
        }

        private static JsonNode recordedFrame() {
            try (InputStream in = WorkerMetricsTest.class.getResourceAsStream("/vectors/node-sdk-0.22.1-frames.jsonl")) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    JsonNode record = TestWorker.JSON.readTree(line);
                    JsonNode frame = record.path("frame");
                    if ("MTRC".equals(frame.path("prefix").asString(null)) && frame.has("json")) {
                        return record;
                    }
                }
            }
            catch (IOException ex) {
                throw new AssertionError(ex);
            }
            throw new AssertionError("no MTRC frame with its JSON in the recording");
        }
    }
}
