package dev.iii.sdk.discovery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The discovery records bind the engine's snake_case JSON with a plain mapper (the one an application hands a
 * function's payload to), and write it back unchanged: from frames recorded against the Node SDK 0.22.1 where
 * the recording has them, from the shapes of the wire specification (§7, §8) otherwise.
 */
class DiscoveryRecordsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The {@code result} of the recorded {@code invocationresult} answering {@code functionId}. */
    private static JsonNode recordedResult(String functionId) throws IOException {
        try (InputStream in = DiscoveryRecordsTest.class.getClassLoader()
                .getResourceAsStream("vectors/node-sdk-0.22.1-frames-no-otel.jsonl");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode frame = JSON.readTree(line).get("frame");
                if (frame != null && "invocationresult".equals(frame.path("type").asString(""))
                        && functionId.equals(frame.path("function_id").asString(""))) {
                    return frame.get("result");
                }
            }
        }
        throw new IllegalStateException("no recorded result of " + functionId);
    }

    /** Numbers compare by value: a {@code long} member writes a long node where the engine's JSON had an int. */
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> a.equals(b)
            || a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;

    private static <T> void assertRoundTrip(JsonNode json, T bound) {
        JsonNode written = JSON.valueToTree(bound);
        assertThat(written.equals(NUMBERS_BY_VALUE, json)).as("%s written back as %s", json, written).isTrue();
    }

    @Test
    void functionInfoFromTheRecordedFunctionList() throws IOException {
        JsonNode functions = recordedResult("engine::functions::list").get("functions");
        List<FunctionInfo> bound = JSON.treeToValue(functions, new TypeReference<List<FunctionInfo>>() { });
        FunctionInfo echo = bound.get(0);
        assertThat(echo.functionId()).isEqualTo("capture::echo");
        assertThat(echo.namespace()).isEqualTo("default");
        assertThat(echo.workerName()).isEqualTo("node-capture-worker");
        assertThat(echo.description()).isEqualTo("Returns its input");
        assertThat(echo.metadata().get("owner").asString()).isEqualTo("capture");
        assertThat(bound.get(1).description()).isNull();
        assertRoundTrip(functions, bound);
    }

    @Test
    void workerInfoFromTheRecordedWorkerList() throws IOException {
        JsonNode workers = recordedResult("engine::workers::list").get("workers");
        List<WorkerInfo> bound = JSON.treeToValue(workers, new TypeReference<List<WorkerInfo>>() { });
        WorkerInfo worker = bound.get(0);
        assertThat(worker.id()).isEqualTo("65a8719e-265e-4a31-9c88-f35d8b9b6da1");
        assertThat(worker.functionCount()).isEqualTo(5);
        assertThat(worker.connectedAtMs()).isEqualTo(1795348281843L);
        assertThat(worker.activeInvocations()).isZero();
        assertThat(worker.ipAddress()).isEqualTo("127.0.0.1");
        assertThat(worker.isolation()).isNull();
        assertRoundTrip(workers, bound);
    }

    @Test
    void triggerTypeInfoInTheShapeOfTriggersList() {
        JsonNode type = JSON.readTree("{\"id\":\"cron\",\"namespace\":\"default\",\"worker_name\":\"iii-cron\","
                + "\"description\":\"Cron-based scheduled triggers\"}");
        TriggerTypeInfo bound = JSON.treeToValue(type, TriggerTypeInfo.class);
        assertThat(bound.workerName()).isEqualTo("iii-cron");
        assertRoundTrip(type, bound);
    }

    @Test
    void workersAvailableEventInTheShapeOfItsTrigger() {
        JsonNode event = JSON.readTree("{\"event\":\"worker_connected\",\"worker_id\":\"0b6f5e4e-2f4c-4f7c-9d2a-1c3b5d7e9f01\"}");
        WorkersAvailableEvent bound = JSON.treeToValue(event, WorkersAvailableEvent.class);
        assertThat(bound.event()).isEqualTo("worker_connected");
        assertThat(bound.workerId()).isEqualTo("0b6f5e4e-2f4c-4f7c-9d2a-1c3b5d7e9f01");
        assertRoundTrip(event, bound);
    }

    @Test
    void functionsAvailableEventInTheShapeOfItsTrigger() {
        JsonNode event = JSON.readTree("{\"event\":\"functions_changed\",\"functions\":["
                + "{\"function_id\":\"engine::workers::list\",\"namespace\":\"default\",\"worker_name\":\"iii-engine-functions\",\"description\":\"List workers\"},"
                + "{\"function_id\":\"orders::create\",\"namespace\":\"shop\",\"worker_name\":\"orders\",\"metadata\":{\"team\":\"shop\"}}]}");
        FunctionsAvailableEvent bound = JSON.treeToValue(event, FunctionsAvailableEvent.class);
        assertThat(bound.functions()).extracting(FunctionInfo::functionId)
                .containsExactly("engine::workers::list", "orders::create");
        assertThat(bound.functions().get(1).workerName()).isEqualTo("orders");
        assertRoundTrip(event, bound);
    }
}
