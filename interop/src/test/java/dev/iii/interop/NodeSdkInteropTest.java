package dev.iii.interop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.sdk.ErrorCode;
import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.InvocationException;
import dev.iii.sdk.WorkerOptions;
import dev.iii.sdk.discovery.FunctionInfo;
import dev.iii.sdk.discovery.WorkerInfo;
import dev.iii.sdk.function.FunctionOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The official Node SDK (npm {@code iii-sdk}, pinned) and the Java SDK on the embedded engine, calling each
 * other: one engine, one Node worker and one Java worker for the whole class, to keep the run short.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeSdkInteropTest {

    private static final String NODE_WORKER_NAME = "node-interop-worker";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Greeting(String name) {
    }

    private EmbeddedEngine engine;
    private NodeWorker nodeWorker;
    private JsonNode selfChecks;
    private IIIWorker java;
    private final List<JsonNode> recorded = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startEngineAndWorkers() throws InterruptedException {
        NodeProjects.requireInstalled(NodeWorker.interopDir());
        engine = EmbeddedEngine.builder().port(0).httpPort(0).build().start();
        nodeWorker = NodeWorker.start("node-worker.mjs", engine.url(), Map.of("WORKER_NAME", NODE_WORKER_NAME));
        selfChecks = JSON.readTree(nodeWorker.awaitLine("READY"));
        java = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("java-interop-worker").build());
        java.registerFunction("java::greet", FunctionOptions.builder().description("Greets").build(), Greeting.class,
                (greeting, context) -> Map.of("greeting", "hello " + greeting.name(), "caller", context.callerWorkerId()));
        java.registerFunction("java::record", (payload, context) -> {
            recorded.add(payload);
            return null;
        });
        java.registerFunction("java::boom", (payload, context) -> {
            throw new InvocationException("java_refused", "refused by java");
        });
        java.start();
        assertThat(java.awaitConnected(Duration.ofSeconds(20))).isTrue();
    }

    @AfterAll
    void stop() {
        if (java != null) {
            java.shutdown(Duration.ofSeconds(2));
        }
        if (nodeWorker != null) {
            nodeWorker.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void nodeWorkerSeesItselfThroughTheDiscoveryFunctions() {
        assertThat(selfChecks.get("functionsList").asBoolean()).isTrue();
        assertThat(selfChecks.get("workersList").get("runtime").asString()).isEqualTo("node");
        assertThat(selfChecks.get("workersList").get("version").asString()).isEqualTo("0.22.1");
        assertThat(selfChecks.get("triggersList").toString()).contains("\"http\"", "\"cron\"");
        assertThat(selfChecks.get("registeredTriggers").asBoolean()).isTrue();
        assertThat(selfChecks.get("selfCall").asBoolean()).isTrue();
    }

    @Test
    void nodeSdkSocketNegotiatedNoCompressionAsWithTheRealEngine() {
        // ws offers permessage-deflate; the real engine has no compression and declines it.
        assertThat(selfChecks.get("socketExtensions").isString()).isTrue();
        assertThat(selfChecks.get("socketExtensions").asString()).isEmpty();
    }

    @Test
    void javaCallsNodeFunctions() throws Exception {
        JsonNode echo = java.call("node::echo", Map.of("msg", "hi", "n", 1)).get();
        assertThat(echo.get("msg").asString()).isEqualTo("hi");
        assertThat(echo.get("_caller_worker_id").asString()).isEqualTo(java.workerId().orElseThrow());

        assertThatThrownBy(() -> java.call("node::boom", Map.of()).join()).cause()
                .isInstanceOfSatisfying(InvocationException.class, error -> {
                    assertThat(error.getCode()).isEqualTo(ErrorCode.INVOCATION_FAILED);
                    assertThat(error.getMessage()).isEqualTo("boom from node");
                    assertThat(error.getRemoteStackTrace()).contains("boom from node");
                    assertThat(error.getFunctionId()).isEqualTo("node::boom");
                });
    }

    @Test
    void nodeReadsTheJavaWorkersProcessFiguresThroughTheEngine() {
        JsonNode metrics = await().atMost(Duration.ofSeconds(60)).until(() -> {
            try (NodeWorker caller = NodeWorker.start("node-caller.mjs", engine.url(), Map.of("FUNCTION_ID",
                    "engine::workers::info", "PAYLOAD", "{\"name\":\"java-interop-worker\"}"))) {
                return JSON.readTree(caller.awaitLine("RESULT")).path("worker").path("latest_metrics");
            }
        }, found -> !found.isMissingNode());
        assertThat(metrics.get("memory_heap_used").asLong()).isPositive();
        assertThat(metrics.get("memory_heap_total").asLong()).isPositive();
        assertThat(metrics.get("uptime_seconds").asLong()).isNotNegative();
    }

    @Test
    void javaVoidCallReachesNode() throws Exception {
        int before = java.call("node::voids", Map.of()).get().get("count").asInt();
        java.callVoid("node::record-void", Map.of("from", "java"));
        await().until(() -> java.call("node::voids", Map.of()).get().get("count").asInt() == before + 1);
    }

    @Test
    void missingFunctionsAreFunctionNotFoundOnBothSides() {
        JsonNode missing = selfChecks.get("missingFunction");
        assertThat(missing.get("code").asString()).isEqualTo("function_not_found");
        assertThat(missing.get("message").asString()).contains("Function missing::fn not found in namespace default.");
        assertThatThrownBy(() -> java.call("missing::fn", Map.of()).join()).cause()
                .isInstanceOfSatisfying(InvocationException.class,
                        error -> assertThat(error.getCode()).isEqualTo(ErrorCode.FUNCTION_NOT_FOUND));
    }

    @Test
    void nodeCallsJavaFunctionsAndGetsTheirErrors() {
        try (NodeWorker caller = NodeWorker.start("node-caller.mjs", engine.url(),
                Map.of("FUNCTION_ID", "java::greet", "PAYLOAD", "{\"name\":\"node\"}", "WORKER_NAME", "node-caller"))) {
            JsonNode result = JSON.readTree(caller.awaitLine("RESULT"));
            assertThat(result.get("greeting").asString()).isEqualTo("hello node");
            assertThat(result.get("caller").asString()).isNotBlank();
            assertThat(caller.awaitExit()).isZero();
        }
        try (NodeWorker caller = NodeWorker.start("node-caller.mjs", engine.url(),
                Map.of("FUNCTION_ID", "java::boom", "PAYLOAD", "{}", "WORKER_NAME", "node-caller-2"))) {
            JsonNode error = JSON.readTree(caller.awaitLine("ERROR"));
            assertThat(error.get("code").asString()).isEqualTo("java_refused");
            // Node formats its error messages as "<code>: <message>".
            assertThat(error.get("message").asString()).endsWith("refused by java");
            assertThat(caller.awaitExit()).isEqualTo(1);
        }
    }

    @Test
    void nodeVoidCallReachesJava() {
        try (NodeWorker caller = NodeWorker.start("node-caller.mjs", engine.url(), Map.of("FUNCTION_ID", "java::record",
                "PAYLOAD", "{\"from\":\"node\"}", "ACTION", "void", "WORKER_NAME", "node-void-caller"))) {
            caller.awaitLine("SENT");
            await().until(() -> recorded.stream().anyMatch(payload -> payload.path("from").asString("").equals("node")));
            assertThat(caller.awaitExit()).isZero();
        }
    }

    @Test
    void nodeSeesTheJavaWorkerInTheWorkerList() {
        try (NodeWorker caller = NodeWorker.start("node-caller.mjs", engine.url(),
                Map.of("FUNCTION_ID", "engine::workers::list", "PAYLOAD", "{}", "WORKER_NAME", "node-lister"))) {
            JsonNode workers = JSON.readTree(caller.awaitLine("RESULT")).get("workers");
            JsonNode javaRow = null;
            for (JsonNode row : workers) {
                if ("java-interop-worker".equals(row.path("name").asString(null))) {
                    javaRow = row;
                }
            }
            assertThat(javaRow).isNotNull();
            assertThat(javaRow.get("runtime").asString()).isEqualTo("java");
            assertThat(javaRow.get("function_count").asInt()).isEqualTo(3);
            assertThat(caller.awaitExit()).isZero();
        }
    }

    @Test
    void javaListsTheNodeWorkerAndItsFunctions() {
        WorkerInfo node = java.discovery().listWorkers().join().stream().filter(w -> NODE_WORKER_NAME.equals(w.name())).findFirst()
                .orElseThrow();
        assertThat(node.runtime()).isEqualTo("node");
        assertThat(node.version()).isEqualTo("0.22.1");
        assertThat(node.functionCount()).isEqualTo(5);
        assertThat(java.discovery().listFunctions().join()).extracting(FunctionInfo::functionId)
                .contains("node::echo", "node::boom", "java::greet", "java::boom");
        assertThat(java.discovery().listTriggers().join()).anyMatch(type -> type.id().equals("http"));
    }

    @Test
    void httpTriggerRegisteredByNodeIsServed() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create(engine.httpUrl() + "/node/items/42?q=search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"qty\":2}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("x-node")).contains("yes");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("id").asString()).isEqualTo("42");
        assertThat(body.get("method").asString()).isEqualTo("POST");
        assertThat(body.get("path").asString()).isEqualTo("/node/items/:id");
        assertThat(body.get("got").get("qty").asInt()).isEqualTo(2);
        assertThat(body.get("q").asString()).isEqualTo("search");
    }
}
