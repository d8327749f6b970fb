package dev.iii.engine;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How {@code latest_metrics} is assembled from the gauges that arrived, by the real engine's rules. */
class WorkerMetricsStoreTest {

    private static final String WORKER = "0b5d6a38-3c59-4c7b-9f3e-8a1e2b7c4d10";
    private static final String OTHER = "7f3c2a10-5b6d-4e8f-a1b2-c3d4e5f60718";

    private final SettableClock clock = new SettableClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final WorkerMetricsStore store = new WorkerMetricsStore(clock);

    @Test
    void eachGaugeComesFromTheNewestRecordThatHasItAndTheTimeFromTheLatestPoint() throws Exception {
        store.add(request(gauge("iii.worker.memory.rss", WORKER, "100", "5000000000"),
                gauge("iii.worker.cpu.percent", WORKER, "12.5", "5000000000")));
        clock.advance(Duration.ofSeconds(60));
        store.add(request(gauge("iii.worker.memory.rss", WORKER, "200", "4000000000")));

        ObjectNode latest = store.latest(WORKER);
        assertThat(latest.get("memory_rss").asLong()).isEqualTo(200);
        assertThat(latest.get("cpu_percent").asDouble()).isEqualTo(12.5);
        // the latest point time wins, even from an older record
        assertThat(latest.get("timestamp_ms").asLong()).isEqualTo(5000);
        assertThat(latest.get("runtime").asString()).isEqualTo("node");
        assertThat(latest.propertyNames()).containsExactlyInAnyOrder("memory_rss", "cpu_percent", "timestamp_ms",
                "runtime");
        assertThat(store.latest(OTHER)).isNull();
    }

    @Test
    void onlyWhatArrivedInTheLast120SecondsCounts() throws Exception {
        store.add(request(gauge("iii.worker.uptime_seconds", WORKER, "1", "1000000")));
        clock.advance(Duration.ofSeconds(100));
        store.add(request(gauge("iii.worker.memory.heap_used", WORKER, "7", "2000000")));
        clock.advance(Duration.ofSeconds(20));
        // exactly 120 s after the first arrival: still in
        assertThat(store.latest(WORKER).has("uptime_seconds")).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(store.latest(WORKER).has("uptime_seconds")).isFalse();
        assertThat(store.latest(WORKER).get("memory_heap_used").asLong()).isEqualTo(7);
        clock.advance(Duration.ofSeconds(100));
        assertThat(store.latest(WORKER)).isNull();
    }

    @Test
    void theFirstPointTaggedWithTheWorkerInARecordIsItsReading() throws Exception {
        String record = "{\"name\":\"iii.worker.memory.heap_total\",\"gauge\":{\"dataPoints\":["
                + point(OTHER, "1", "1") + "," + point(WORKER, "2", "2") + "," + point(WORKER, "3", "3") + "]}}";
        store.add(request(record));
        assertThat(store.latest(WORKER).get("memory_heap_total").asLong()).isEqualTo(2);
        assertThat(store.latest(OTHER).get("memory_heap_total").asLong()).isEqualTo(1);
    }

    @Test
    void integerGaugesAreCutAndClampedAsRustCastsThemAndSumsCountLikeGauges() throws Exception {
        store.add(request(gauge("iii.worker.memory.heap_used", WORKER, "1234.99", "0"),
                gauge("iii.worker.memory.external", WORKER, "-5", "0"),
                gauge("iii.worker.memory.rss", WORKER, "1e30", "0"),
                "{\"name\":\"iii.worker.cpu.user_micros\",\"sum\":{\"isMonotonic\":true,\"dataPoints\":[{"
                        + "\"attributes\":[" + workerId(WORKER) + "],\"asInt\":\"42\"}]}}"));
        JsonNode latest = store.latest(WORKER);
        assertThat(latest.get("memory_heap_used").bigIntegerValue()).isEqualTo(BigInteger.valueOf(1234));
        assertThat(latest.get("memory_external").bigIntegerValue()).isEqualTo(BigInteger.ZERO);
        assertThat(latest.get("memory_rss").bigIntegerValue()).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(latest.get("cpu_user_micros").asLong()).isEqualTo(42);
        assertThat(latest.get("timestamp_ms").asLong()).isZero();
    }

    @Test
    void onlyTheNewestTenThousandRecordsOfAnyNameAreKept() throws Exception {
        store.add(request(gauge("iii.worker.memory.rss", WORKER, "9", "0")));
        StringBuilder others = new StringBuilder();
        // The real engine's default capacity is 10,000 records (engine/src/workers/observability/metrics.rs).
        for (int i = 0; i < 9_999; i++) {
            others.append(i == 0 ? "" : ",").append("{\"name\":\"some.counter\",\"sum\":{\"dataPoints\":[]}}");
        }
        store.add(request(others.toString()));
        assertThat(store.latest(WORKER)).isNotNull();
        store.add(request("{\"name\":\"one.more\",\"histogram\":{\"dataPoints\":[]}}"));
        assertThat(store.latest(WORKER)).isNull();
    }

    @Test
    void aWorkersGaugesAreForgottenWithIt() throws Exception {
        store.add(request(gauge("iii.worker.memory.rss", WORKER, "1", "0"), gauge("iii.worker.memory.rss", OTHER, "2", "0")));
        store.forget(WORKER);
        assertThat(store.latest(WORKER)).isNull();
        assertThat(store.latest(OTHER)).isNotNull();
    }

    @Test
    void aRequestWithAMemberOfTheWrongKindAnywhereIsRefusedWhole() {
        String good = gauge("iii.worker.memory.rss", WORKER, "1", "0");
        assertThatThrownBy(() -> read("{\"resourceMetrics\":null}")).isInstanceOf(OtlpMetricsRequest.MalformedException.class);
        assertThatThrownBy(() -> request(good, "{\"name\":\"x\",\"gauge\":{\"dataPoints\":[{\"timeUnixNano\":1.5}]}}"))
                .isInstanceOf(OtlpMetricsRequest.MalformedException.class);
        assertThatThrownBy(() -> request(good, "{\"name\":\"x\",\"gauge\":{\"dataPoints\":[{\"asDouble\":\"1\"}]}}"))
                .isInstanceOf(OtlpMetricsRequest.MalformedException.class);
        assertThatThrownBy(() -> request(good, "{\"name\":\"x\",\"gauge\":{\"dataPoints\":[{\"attributes\":[{\"value\":{}}]}]}}"))
                .isInstanceOf(OtlpMetricsRequest.MalformedException.class);
        assertThatThrownBy(() -> request(good, "{\"name\":\"h\",\"histogram\":{\"dataPoints\":[{\"count\":\"-1\"}]}}"))
                .isInstanceOf(OtlpMetricsRequest.MalformedException.class);
        assertThatThrownBy(() -> read("not json")).isInstanceOf(OtlpMetricsRequest.MalformedException.class);
        byte[] notUtf8 = { 'M', 'T', 'R', 'C', '{', '"', (byte) 0xC3, '"', ':', '1', '}' };
        assertThatThrownBy(() -> OtlpMetricsRequest.read(notUtf8, 4)).isInstanceOf(OtlpMetricsRequest.MalformedException.class);
    }

    @Test
    void absentMembersTakeTheirDefaultsAndNumbersMayBeStrings() throws Exception {
        OtlpMetricsRequest request = read("{\"resourceMetrics\":[{\"scopeMetrics\":[{\"scope\":null,\"metrics\":["
                + "{\"name\":null,\"gauge\":{}},{\"unit\":\"ms\"},"
                + "{\"name\":\"g\",\"gauge\":{\"dataPoints\":[{\"timeUnixNano\":\"+7\",\"asInt\":-3}]}}]}]}]}");
        // the metric with no kind is no record
        assertThat(request.records()).hasSize(2);
        assertThat(request.records().get(0).name()).isEmpty();
        OtlpMetricsRequest.NumberPoint point = request.records().get(1).points().get(0);
        assertThat(point.timeUnixNanos()).isEqualTo(7);
        assertThat(point.value()).isEqualTo(-3.0);
        assertThat(point.workerIds()).isEmpty();
    }

    private static String gauge(String name, String workerId, String value, String timeUnixNano) {
        return "{\"name\":\"" + name + "\",\"unit\":\"bytes\",\"gauge\":{\"dataPoints\":[" + point(workerId, value,
                timeUnixNano) + "]}}";
    }

    private static String point(String workerId, String value, String timeUnixNano) {
        return "{\"attributes\":[" + workerId(workerId) + ",{\"key\":\"worker.name\",\"value\":{\"stringValue\":\"w\"}}],"
                + "\"startTimeUnixNano\":\"" + timeUnixNano + "\",\"timeUnixNano\":\"" + timeUnixNano
                + "\",\"asDouble\":" + value + "}";
    }

    private static String workerId(String workerId) {
        return "{\"key\":\"worker.id\",\"value\":{\"stringValue\":\"" + workerId + "\"}}";
    }

    private static OtlpMetricsRequest request(String... metrics) throws OtlpMetricsRequest.MalformedException {
        return read("{\"resourceMetrics\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":"
                + "{\"stringValue\":\"iii-node\"}}]},\"scopeMetrics\":[{\"scope\":{\"name\":\"iii-node\"},\"metrics\":["
                + String.join(",", metrics) + "]}]}]}");
    }

    private static OtlpMetricsRequest read(String json) throws OtlpMetricsRequest.MalformedException {
        return OtlpMetricsRequest.read(("MTRC" + json).getBytes(StandardCharsets.UTF_8), 4);
    }

    /** A clock the test moves. */
    private static final class SettableClock extends Clock {

        private Instant now;

        SettableClock(Instant start) {
            now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
