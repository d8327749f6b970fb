package dev.iii.sdk.internal.telemetry;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@link ProcessSample} as the engine reads worker metrics (wire specification §9): a binary frame of
 * the ASCII prefix {@code MTRC} and an OTLP/JSON {@code ExportMetricsServiceRequest} (protobuf-JSON mapping,
 * camelCase, 64-bit times as strings) with one gauge per {@code iii.worker.*} figure, each data point tagged with
 * {@code worker.id} and {@code worker.name}, as the Node SDK's frames are (recorded in {@code shared/vectors}).
 */
final class MetricsFrame {

    static final byte[] PREFIX = "MTRC".getBytes(StandardCharsets.US_ASCII);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, String> resource;
    private final String scopeVersion;
    private final long startUnixNanos;

    /**
     * @param resource       the resource's attributes ({@code service.name} and the like)
     * @param scopeVersion   the SDK's version
     * @param startUnixNanos when the process started, as every gauge's {@code startTimeUnixNano}
     */
    MetricsFrame(Map<String, String> resource, String scopeVersion, long startUnixNanos) {
        this.resource = new LinkedHashMap<>(resource);
        this.scopeVersion = scopeVersion;
        this.startUnixNanos = startUnixNanos;
    }

    byte[] encode(ProcessSample sample, String workerId, String workerName, long nowUnixNanos) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        out.writeBytes(PREFIX);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayPropertyStart("resourceMetrics");
            g.writeStartObject();
            g.writeObjectPropertyStart("resource");
            g.writeArrayPropertyStart("attributes");
            for (Map.Entry<String, String> attribute : resource.entrySet()) {
                attribute(g, attribute.getKey(), attribute.getValue());
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeArrayPropertyStart("scopeMetrics");
            g.writeStartObject();
            g.writeObjectPropertyStart("scope");
            g.writeStringProperty("name", "iii-java");
            g.writeStringProperty("version", scopeVersion);
            g.writeEndObject();
            g.writeArrayPropertyStart("metrics");
            Point point = new Point(g, workerId, workerName, Long.toString(nowUnixNanos));
            point.gauge("iii.worker.memory.heap_used", "JVM heap in use", "bytes", sample.heapUsedBytes());
            point.gauge("iii.worker.memory.heap_total", "JVM heap committed", "bytes", sample.heapCommittedBytes());
            point.gauge("iii.worker.memory.rss", "Resident set size of the process", "bytes", sample.rssBytes());
            point.gauge("iii.worker.memory.external", "JVM memory outside the heap (metaspace, code cache)", "bytes",
                    sample.nonHeapUsedBytes());
            point.gauge("iii.worker.cpu.percent", "Process CPU time over wall time since the last report", "%",
                    sample.cpuPercent());
            point.gauge("iii.worker.cpu.user_micros", "Process CPU time in user mode", "us", sample.cpuUserMicros());
            point.gauge("iii.worker.cpu.system_micros", "Process CPU time in kernel mode", "us",
                    sample.cpuSystemMicros());
            point.gauge("iii.worker.uptime_seconds", "Time since the JVM started", "s", sample.uptimeSeconds());
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void attribute(JsonGenerator g, String key, String value) {
        g.writeStartObject();
        g.writeStringProperty("key", key);
        g.writeObjectPropertyStart("value");
        g.writeStringProperty("stringValue", value);
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Writes gauges of one data point each, at one time, for one worker. */
    private final class Point {
        private final JsonGenerator g;
        private final String workerId;
        private final String workerName;
        private final String time;

        Point(JsonGenerator g, String workerId, String workerName, String time) {
            this.g = g;
            this.workerId = workerId;
            this.workerName = workerName;
            this.time = time;
        }

        /** Nothing for a negative value: the platform does not give that figure. */
        void gauge(String name, String description, String unit, double value) {
            if (value < 0) {
                return;
            }
            g.writeStartObject();
            g.writeStringProperty("name", name);
            g.writeStringProperty("description", description);
            g.writeStringProperty("unit", unit);
            g.writeObjectPropertyStart("gauge");
            g.writeArrayPropertyStart("dataPoints");
            g.writeStartObject();
            g.writeArrayPropertyStart("attributes");
            attribute(g, "worker.id", workerId);
            attribute(g, "worker.name", workerName);
            g.writeEndArray();
            g.writeStringProperty("startTimeUnixNano", Long.toString(startUnixNanos));
            g.writeStringProperty("timeUnixNano", time);
            g.writeNumberProperty("asDouble", value);
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
    }
}
