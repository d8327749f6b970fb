package dev.iii.sdk.internal.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import dev.iii.protocol.RecordedFrames;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The metrics frame against the Node SDK's recorded ones: the same members, in the same places, of the same kinds. */
class MetricsFrameTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MetricsFrame frame = new MetricsFrame(Map.of("service.name", "iii-java"), "0.1.0", 1_000_000_000L);

    private JsonNode encode(ProcessSample sample) {
        byte[] bytes = frame.encode(sample, "w-1", "orders", 2_000_000_000L);
        assertThat(new String(Arrays.copyOf(bytes, 4), StandardCharsets.US_ASCII)).isEqualTo("MTRC");
        return JSON.readTree(Arrays.copyOfRange(bytes, 4, bytes.length));
    }

    @Test
    void everyMemberWrittenIsOneTheNodeSdkWritesThereWithTheSameKind() {
        JsonNode recorded = RecordedFrames.metricsRequests().get(0);
        JsonNode ours = encode(new ProcessSample(10, 20, 5, 30, 1.5, 7, 8, 9));
        assertMembersWithin(ours, recorded, "$");
    }

    @Test
    void eachGaugeCarriesTheWorkerAndItsValueAndWhatThePlatformDoesNotGiveIsLeftOut() {
        JsonNode metrics = encode(new ProcessSample(10, 20, 5, -1, 1.5, -1, -1, 9))
                .at("/resourceMetrics/0/scopeMetrics/0/metrics");
        assertThat(metrics).extracting(metric -> metric.get("name").asString()).containsExactly(
                "iii.worker.memory.heap_used", "iii.worker.memory.heap_total", "iii.worker.memory.external",
                "iii.worker.cpu.percent", "iii.worker.uptime_seconds");
        JsonNode point = metrics.get(0).at("/gauge/dataPoints/0");
        assertThat(point.get("asDouble").asDouble()).isEqualTo(10);
        assertThat(point.get("timeUnixNano").asString()).isEqualTo("2000000000");
        assertThat(point.get("startTimeUnixNano").asString()).isEqualTo("1000000000");
        assertThat(point.get("attributes").toString()).isEqualTo("[{\"key\":\"worker.id\",\"value\":{\"stringValue\":\"w-1\"}},"
                + "{\"key\":\"worker.name\",\"value\":{\"stringValue\":\"orders\"}}]");
    }

    /** Absent is not null: every member of {@code ours} exists in {@code recorded} at the same place, same kind. */
    private static void assertMembersWithin(JsonNode ours, JsonNode recorded, String path) {
        assertThat(ours.getNodeType()).as(path).isEqualTo(recorded.getNodeType());
        if (ours.isObject()) {
            for (String name : ours.propertyNames()) {
                assertThat(recorded.has(name)).as(path + "." + name + " is written by the Node SDK").isTrue();
                assertMembersWithin(ours.get(name), recorded.get(name), path + "." + name);
            }
        }
        else if (ours.isArray() && !ours.isEmpty()) {
            for (int i = 0; i < ours.size(); i++) {
                assertMembersWithin(ours.get(i), recorded.get(0), path + "[" + i + "]");
            }
        }
    }
}
