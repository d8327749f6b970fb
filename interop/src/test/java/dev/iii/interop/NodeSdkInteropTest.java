package dev.iii.interop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.sdk.protocol.InvocationResult;
import dev.iii.sdk.protocol.InvokeFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official Node SDK (npm {@code iii-sdk}, pinned) against the embedded engine: one engine and one Node
 * worker for the whole class, to keep the run short.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeSdkInteropTest {

    private static final String NODE_WORKER_NAME = "node-interop-worker";

    private EmbeddedEngine engine;
    private NodeWorker nodeWorker;
    private JsonNode selfChecks;

    @BeforeAll
    void startEngineAndNodeWorker() {
        engine = EmbeddedEngine.builder().port(0).httpPort(0).build().start();
        nodeWorker = NodeWorker.start("node-worker.mjs", engine.url(), Map.of("WORKER_NAME", NODE_WORKER_NAME));
        selfChecks = RawWorker.JSON.readTree(nodeWorker.awaitLine("READY"));
    }

    @AfterAll
    void stop() {
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
        assertThat(selfChecks.get("triggersList").findValuesAsString("id")).isEmpty();
        assertThat(selfChecks.get("triggersList").toString()).contains("\"http\"", "\"cron\"");
        assertThat(selfChecks.get("registeredTriggers").asBoolean()).isTrue();
        assertThat(selfChecks.get("selfCall").asBoolean()).isTrue();
    }

    @Test
    void voidCallFromNodeReturnsAtOnceAndStillRuns() {
        assertThat(selfChecks.get("voidCall").asBoolean()).isTrue();
        try (RawWorker java = new RawWorker(engine.url(), "java-void-check")) {
            JsonNode voids = java.call("node::voids", RawWorker.JSON.createObjectNode()).result();
            assertThat(voids.get("count").asInt()).isEqualTo(1);
        }
    }

    @Test
    void missingFunctionReachesNodeAsFunctionNotFound() {
        JsonNode missing = selfChecks.get("missingFunction");
        assertThat(missing.get("code").asString()).isEqualTo("function_not_found");
        assertThat(missing.get("message").asString()).contains("Function missing::fn not found in namespace default.");
    }

    @Test
    void javaCallsNodeFunctions() {
        try (RawWorker java = new RawWorker(engine.url(), "java-caller")) {
            InvocationResult echo = java.call("node::echo", RawWorker.JSON.createObjectNode().put("msg", "hi").put("n", 1));
            assertThat(echo.error()).isNull();
            assertThat(echo.result().get("msg").asString()).isEqualTo("hi");
            assertThat(echo.result().get("_caller_worker_id").asString()).isEqualTo(java.workerId);

            InvocationResult boom = java.call("node::boom", RawWorker.JSON.createObjectNode());
            assertThat(boom.error().code()).isEqualTo("invocation_failed");
            assertThat(boom.error().message()).isEqualTo("boom from node");
            assertThat(boom.error().stacktrace()).contains("boom from node");
        }
    }

    @Test
    void nodeCallsAJavaFunction() {
        try (RawWorker java = new RawWorker(engine.url(), "java-server")) {
            java.registerFunction("java::greet");
            try (NodeWorker caller = NodeWorker.start("node-caller.mjs", engine.url(),
                    Map.of("FUNCTION_ID", "java::greet", "PAYLOAD", "{\"name\":\"node\"}", "WORKER_NAME", "node-caller"))) {
                InvokeFunction call = java.serveOnce("java::greet",
                        data -> RawWorker.JSON.createObjectNode().put("greeting", "hello " + data.get("name").asString()));
                assertThat(call.data().get("_caller_worker_id").asString()).isNotBlank();
                JsonNode result = RawWorker.JSON.readTree(caller.awaitLine("RESULT"));
                assertThat(result.get("greeting").asString()).isEqualTo("hello node");
                assertThat(caller.awaitExit()).isZero();
            }
        }
    }

    @Test
    void httpTriggerRegisteredByNodeIsServed() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create(engine.httpUrl() + "/node/items/42?q=search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"qty\":2}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("x-node")).contains("yes");
        JsonNode body = RawWorker.JSON.readTree(response.body());
        assertThat(body.get("id").asString()).isEqualTo("42");
        assertThat(body.get("method").asString()).isEqualTo("POST");
        assertThat(body.get("path").asString()).isEqualTo("/node/items/:id");
        assertThat(body.get("got").get("qty").asInt()).isEqualTo(2);
        assertThat(body.get("q").asString()).isEqualTo("search");
    }

    @Test
    void engineListsTheNodeWorkerWithItsMetadata() {
        try (RawWorker java = new RawWorker(engine.url(), "java-lister")) {
            JsonNode workers = java.call("engine::workers::list", RawWorker.JSON.createObjectNode()).result().get("workers");
            JsonNode node = null;
            for (JsonNode row : workers) {
                if (NODE_WORKER_NAME.equals(row.path("name").asString(null))) {
                    node = row;
                }
            }
            assertThat(node).isNotNull();
            assertThat(node.get("runtime").asString()).isEqualTo("node");
            assertThat(node.get("function_count").asInt()).isEqualTo(5);
        }
    }
}
