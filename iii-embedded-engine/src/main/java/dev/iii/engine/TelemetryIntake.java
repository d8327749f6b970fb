package dev.iii.engine;

import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binary telemetry frames, on the worker socket and on {@code /otel} (wire specification §9): a 4-byte ASCII
 * prefix and OTLP/JSON. {@code MTRC} metrics are kept for {@code engine::workers::info}; {@code OTLP} spans and
 * {@code LOGS} are dropped, since the embedded engine has no trace or log store.
 */
final class TelemetryIntake {

    private static final Logger log = LoggerFactory.getLogger(TelemetryIntake.class);

    private final WorkerMetricsStore metrics;

    TelemetryIntake(WorkerMetricsStore metrics) {
        this.metrics = metrics;
    }

    /** Takes a binary frame if it is telemetry, and says whether it was. */
    boolean accept(byte[] frame) {
        if (frame.length < 4) {
            return false;
        }
        String prefix = new String(frame, 0, 4, StandardCharsets.US_ASCII);
        switch (prefix) {
            case "MTRC" -> {
                try {
                    metrics.add(OtlpMetricsRequest.read(frame, 4));
                }
                catch (OtlpMetricsRequest.MalformedException ex) {
                    log.warn("metrics frame dropped: {}", ex.getMessage());
                }
                return true;
            }
            case "OTLP", "LOGS" -> {
                return true;
            }
            default -> {
                return false;
            }
        }
    }
}
