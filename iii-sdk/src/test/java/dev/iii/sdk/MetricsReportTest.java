package dev.iii.sdk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.iii.engine.EmbeddedEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The worker's process figures in {@code engine::workers::info}, as the engine's console shows them. */
class MetricsReportTest {

    private EmbeddedEngine engine;
    private IIIWorker worker;
    private IIIWorker console;

    @AfterEach
    void stop() {
        for (IIIWorker each : new IIIWorker[] { worker, console }) {
            if (each != null) {
                each.shutdown(Duration.ofSeconds(1));
            }
        }
        engine.close();
    }

    private JsonNode info(String name) {
        return console.call("engine::workers::info", Map.of("name", name)).join().get("worker");
    }

    private void start(EmbeddedEngine target, WorkerOptions.Builder options) throws InterruptedException {
        engine = target;
        worker = IIIWorker.create(options.url(engine.url()).build()).start();
        console = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("console").reportMetrics(false)
                .reconnectPolicy(ConnectSequenceTest.fastReconnect()).build()).start();
        assertThat(worker.awaitConnected(Duration.ofSeconds(30))).isTrue();
        assertThat(console.awaitConnected(Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void theEngineShowsTheWorkersHeapCpuAndUptimeFromTheFirstConnection() throws Exception {
        start(EmbeddedEngine.builder().port(0).httpPort(0).build().start(),
                WorkerOptions.builder().name("reporting"));
        await().until(() -> info("reporting").has("latest_metrics"));
        JsonNode metrics = info("reporting").get("latest_metrics");
        assertThat(metrics.get("memory_heap_used").asLong()).isPositive();
        assertThat(metrics.get("memory_heap_total").asLong()).isGreaterThanOrEqualTo(metrics.get("memory_heap_used").asLong());
        assertThat(metrics.get("memory_external").asLong()).isPositive();
        assertThat(metrics.get("cpu_percent").asDouble()).isNotNegative();
        assertThat(metrics.get("uptime_seconds").asLong()).isNotNegative();
        assertThat(metrics.get("timestamp_ms").asLong()).isCloseTo(System.currentTimeMillis(),
                org.assertj.core.data.Offset.offset(60_000L));
        if (Files.exists(Path.of("/proc/self/status"))) {
            assertThat(metrics.get("memory_rss").asLong()).isPositive();
            assertThat(metrics.get("cpu_user_micros").asLong()).isPositive();
        }
        assertThat(info("console").has("latest_metrics")).isFalse();
    }

    @Test
    void afterAReconnectTheFiguresComeUnderTheNewWorkerId() throws Exception {
        start(EmbeddedEngine.builder().port(0).httpPort(0).build().start(),
                WorkerOptions.builder().name("restarted").reconnectPolicy(ConnectSequenceTest.fastReconnect()));
        await().until(() -> info("restarted").has("latest_metrics"));
        int port = engine.port();
        engine.close();
        engine = EmbeddedEngine.builder().port(port).httpPort(0).build().start();
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED
                && console.connectionState() == ConnectionState.CONNECTED);
        await().until(() -> info("restarted").has("latest_metrics"));
        assertThat(info("restarted").get("id").asString()).isEqualTo(worker.workerId().orElseThrow());
    }

    @Test
    void aWorkerToldNotToReportSendsNothing() throws Exception {
        start(EmbeddedEngine.builder().port(0).httpPort(0).build().start(),
                WorkerOptions.builder().name("silent").reportMetrics(false));
        // A reporting worker's first report goes out at once; give one the time it would need.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> !info("silent").has("latest_metrics"));
    }
}
