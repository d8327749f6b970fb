package dev.iii.engine;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The payload of an {@code MTRC} frame: an OTLP/JSON {@code ExportMetricsServiceRequest} (protobuf-JSON mapping,
 * camelCase members, 64-bit integers as numbers or strings), read as strictly as the real engine reads it
 * ({@code engine/src/workers/observability/otel.rs}, {@code ingest_otlp_metrics}): a member of the wrong kind
 * anywhere in the request drops the whole request; absent members take their defaults; unknown members are
 * ignored. Of what it holds, only the metric records matter here: each gauge, sum and histogram is one record,
 * and the number points of gauges and sums keep their value, time and the workers they are tagged with.
 *
 * @param records every metric record in order: gauges, sums and histograms (metrics of another kind are skipped)
 */
record OtlpMetricsRequest(List<MetricRecord> records) {

    private static final BigInteger U64_MAX = new BigInteger("18446744073709551615");

    /**
     * One metric as stored by the real engine.
     *
     * @param name   metric name ({@code ""} when absent or {@code null})
     * @param points number data points; empty for histograms
     */
    record MetricRecord(String name, List<NumberPoint> points) {
    }

    /**
     * One number data point.
     *
     * @param value         {@code asDouble}, else {@code asInt}, else 0
     * @param timeUnixNanos {@code timeUnixNano}, an unsigned 64-bit value
     * @param workerIds     the string values of its {@code worker.id} attributes
     */
    record NumberPoint(double value, long timeUnixNanos, Set<String> workerIds) {
    }

    /** The request did not read: it is dropped whole. */
    static final class MalformedException extends Exception {

        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    /**
     * Reads the UTF-8 bytes after the 4-byte prefix of an {@code MTRC} frame.
     *
     * @throws MalformedException when they are not UTF-8, not JSON, or a member has the wrong kind
     */
    static OtlpMetricsRequest read(byte[] frame, int offset) throws MalformedException {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(frame, offset, frame.length - offset));
        }
        catch (CharacterCodingException ex) {
            throw new MalformedException("not UTF-8");
        }
        JsonNode root;
        try {
            root = EngineJson.MAPPER.readTree(frame, offset, frame.length - offset);
        }
        catch (JacksonException ex) {
            throw new MalformedException("not JSON: " + ex.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new MalformedException("no JSON");
        }
        List<MetricRecord> records = new ArrayList<>();
        for (JsonNode resourceMetrics : array(object(root, "request"), "resourceMetrics")) {
            JsonNode resource = optionalObject(object(resourceMetrics, "resourceMetrics"), "resource");
            if (resource != null) {
                for (JsonNode attribute : array(resource, "attributes")) {
                    keyValue(attribute);
                }
            }
            for (JsonNode scopeMetrics : array(resourceMetrics, "scopeMetrics")) {
                JsonNode scope = optionalObject(object(scopeMetrics, "scopeMetrics"), "scope");
                if (scope != null) {
                    stringOrNull(scope, "name");
                    stringOrNull(scope, "version");
                }
                for (JsonNode metric : array(scopeMetrics, "metrics")) {
                    MetricRecord record = metric(object(metric, "metric"));
                    if (record != null) {
                        records.add(record);
                    }
                }
            }
        }
        return new OtlpMetricsRequest(records);
    }

    /** A gauge, else a sum, else a histogram (all that are there are read); {@code null} for none of these. */
    private static MetricRecord metric(JsonNode metric) throws MalformedException {
        String name = stringOrNull(metric, "name");
        stringOrNull(metric, "description");
        stringOrNull(metric, "unit");
        JsonNode gauge = optionalObject(metric, "gauge");
        JsonNode sum = optionalObject(metric, "sum");
        JsonNode histogram = optionalObject(metric, "histogram");
        List<NumberPoint> gaugePoints = gauge != null ? numberPoints(gauge) : null;
        List<NumberPoint> sumPoints = null;
        if (sum != null) {
            unsigned32(sum, "aggregationTemporality");
            bool(sum, "isMonotonic");
            sumPoints = numberPoints(sum);
        }
        if (histogram != null) {
            unsigned32(histogram, "aggregationTemporality");
            for (JsonNode point : array(histogram, "dataPoints")) {
                histogramPoint(object(point, "dataPoint"));
            }
        }
        if (gaugePoints != null) {
            return new MetricRecord(name, gaugePoints);
        }
        if (sumPoints != null) {
            return new MetricRecord(name, sumPoints);
        }
        return histogram != null ? new MetricRecord(name, List.of()) : null;
    }

    private static List<NumberPoint> numberPoints(JsonNode numbers) throws MalformedException {
        List<NumberPoint> points = new ArrayList<>();
        for (JsonNode point : array(numbers, "dataPoints")) {
            object(point, "dataPoint");
            Set<String> workerIds = workerIds(point);
            unsigned64(point.get("startTimeUnixNano"), "startTimeUnixNano");
            long time = unsigned64(point.get("timeUnixNano"), "timeUnixNano");
            Double asDouble = optionalDouble(point, "asDouble");
            Long asInt = optionalSigned64(point, "asInt");
            double value = asDouble != null ? asDouble : asInt != null ? (double) asInt : 0.0;
            points.add(new NumberPoint(value, time, workerIds));
        }
        return points;
    }

    private static void histogramPoint(JsonNode point) throws MalformedException {
        workerIds(point);
        unsigned64(point.get("startTimeUnixNano"), "startTimeUnixNano");
        unsigned64(point.get("timeUnixNano"), "timeUnixNano");
        unsigned64(point.get("count"), "count");
        optionalDouble(point, "sum");
        for (JsonNode count : array(point, "bucketCounts")) {
            unsigned64(count, "bucketCounts");
        }
        for (JsonNode bound : array(point, "explicitBounds")) {
            requireDouble(bound, "explicitBounds");
        }
        optionalDouble(point, "min");
        optionalDouble(point, "max");
    }

    /** Reads the attributes; a worker is named by a {@code worker.id} attribute with a string value. */
    private static Set<String> workerIds(JsonNode point) throws MalformedException {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode attribute : array(point, "attributes")) {
            String id = keyValue(attribute);
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** Checks a {@code KeyValue}; returns its string value when its key is {@code worker.id}, else {@code null}. */
    private static String keyValue(JsonNode attribute) throws MalformedException {
        object(attribute, "attribute");
        JsonNode key = attribute.get("key");
        if (key == null || !key.isString()) {
            throw new MalformedException("attribute: key must be a string");
        }
        JsonNode value = optionalObject(attribute, "value");
        String string = value != null ? anyValue(value) : null;
        return "worker.id".equals(key.asString()) ? string : null;
    }

    /**
     * Checks an {@code AnyValue}; returns its {@code stringValue} or {@code null}. Its other kinds turn into text
     * that can never be a worker id (digits, {@code true}/{@code false}, JSON), so they name no worker.
     */
    private static String anyValue(JsonNode value) throws MalformedException {
        String string = optionalString(value, "stringValue");
        optionalSigned64(value, "intValue");
        optionalDouble(value, "doubleValue");
        JsonNode bool = value.get("boolValue");
        if (bool != null && !bool.isNull() && !bool.isBoolean()) {
            throw new MalformedException("boolValue must be a boolean");
        }
        JsonNode kvlist = optionalObject(value, "kvlistValue");
        if (kvlist != null) {
            for (JsonNode entry : array(kvlist, "values")) {
                keyValue(entry);
            }
        }
        JsonNode list = optionalObject(value, "arrayValue");
        if (list != null) {
            for (JsonNode item : array(list, "values")) {
                anyValue(object(item, "arrayValue"));
            }
        }
        return string;
    }

    // ---- kinds, as serde reads them --------------------------------------------------------------------------

    private static JsonNode object(JsonNode node, String what) throws MalformedException {
        if (!node.isObject()) {
            throw new MalformedException(what + " must be an object");
        }
        return node;
    }

    /** Absent or {@code null}: none; else an object. */
    private static JsonNode optionalObject(JsonNode parent, String member) throws MalformedException {
        JsonNode node = parent.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        return object(node, member);
    }

    /** Absent: empty; else an array ({@code null} is refused, as serde refuses it for a defaulted list). */
    private static Iterable<JsonNode> array(JsonNode parent, String member) throws MalformedException {
        JsonNode node = parent.get(member);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new MalformedException(member + " must be an array");
        }
        return node;
    }

    /** Absent or {@code null}: {@code ""}. */
    private static String stringOrNull(JsonNode parent, String member) throws MalformedException {
        String value = optionalString(parent, member);
        return value != null ? value : "";
    }

    private static String optionalString(JsonNode parent, String member) throws MalformedException {
        JsonNode node = parent.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new MalformedException(member + " must be a string");
        }
        return node.asString();
    }

    private static void bool(JsonNode parent, String member) throws MalformedException {
        JsonNode node = parent.get(member);
        if (node != null && !node.isBoolean()) {
            throw new MalformedException(member + " must be a boolean");
        }
    }

    private static void unsigned32(JsonNode parent, String member) throws MalformedException {
        JsonNode node = parent.get(member);
        if (node != null && !(node.isIntegralNumber() && node.canConvertToLong() && node.asLong() >= 0
                && node.asLong() <= 0xFFFF_FFFFL)) {
            throw new MalformedException(member + " must be an unsigned 32-bit integer");
        }
    }

    /** An unsigned 64-bit integer, as a number or a string of digits; absent ({@code null} here) is 0. */
    private static long unsigned64(JsonNode node, String member) throws MalformedException {
        if (node == null) {
            return 0;
        }
        BigInteger value;
        if (node.isIntegralNumber()) {
            value = node.bigIntegerValue();
        }
        else if (node.isString() && !node.asString().startsWith("-")) {
            // Rust's unsigned parsing takes one leading '+', as BigInteger does, but no '-'.
            try {
                value = new BigInteger(node.asString());
            }
            catch (NumberFormatException ex) {
                throw new MalformedException(member + " is not an unsigned integer");
            }
        }
        else {
            throw new MalformedException(member + " must be an unsigned integer or a string of one");
        }
        if (value.signum() < 0 || value.compareTo(U64_MAX) > 0) {
            throw new MalformedException(member + " is out of range");
        }
        return value.longValue();
    }

    /** A signed 64-bit integer, as a number or a string of digits; absent or {@code null} is none. */
    private static Long optionalSigned64(JsonNode parent, String member) throws MalformedException {
        JsonNode node = parent.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isString()) {
            try {
                return Long.parseLong(node.asString());
            }
            catch (NumberFormatException ex) {
                throw new MalformedException(member + " is not a signed 64-bit integer");
            }
        }
        throw new MalformedException(member + " must be a signed 64-bit integer or a string of one");
    }

    private static Double optionalDouble(JsonNode parent, String member) throws MalformedException {
        JsonNode node = parent.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        return requireDouble(node, member);
    }

    private static double requireDouble(JsonNode node, String member) throws MalformedException {
        if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw new MalformedException(member + " must be a finite number");
        }
        return node.asDouble();
    }
}
