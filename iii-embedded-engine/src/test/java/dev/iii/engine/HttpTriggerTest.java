package dev.iii.engine;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.iii.protocol.ErrorBody;
import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.RegisterTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static dev.iii.engine.TestWorker.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HttpTriggerTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedEngine engine;
    private TestWorker worker;

    @BeforeEach
    void start() {
        engine = EngineTestSupport.start();
        worker = TestWorker.registered(engine, "api");
    }

    @AfterEach
    void stop() {
        worker.close();
        engine.close();
    }

    @Test
    void servesARouteWithPathParamsAndTheEnvelope() throws Exception {
        route("users-get", "/users/:id/orders/:order", "POST", "api::get-order");
        var pending = http.sendAsync(HttpRequest.newBuilder(URI.create(engine.httpUrl() + "/users/42/orders/7?expand=items&x=a%20b"))
                .header("Content-Type", "application/json").header("X-Trace", "abc")
                .POST(HttpRequest.BodyPublishers.ofString("{\"qty\":3}")).build(), HttpResponse.BodyHandlers.ofString());

        InvokeFunction call = worker.await(InvokeFunction.class, c -> c.functionId().equals("api::get-order"));
        JsonNode request = call.data().tree();
        assertThat(request.get("path_params").get("id").asString()).isEqualTo("42");
        assertThat(request.get("path_params").get("order").asString()).isEqualTo("7");
        assertThat(request.get("query_params").get("expand").asString()).isEqualTo("items");
        assertThat(request.get("query_params").get("x").asString()).isEqualTo("a b");
        assertThat(request.get("headers").get("x-trace").asString()).isEqualTo("abc");
        assertThat(request.get("path").asString()).isEqualTo("/users/:id/orders/:order");
        assertThat(request.get("method").asString()).isEqualTo("POST");
        assertThat(request.get("body").get("qty").asInt()).isEqualTo(3);
        assertThat(request.get("trigger").get("type").asString()).isEqualTo("http");
        assertThat(request.get("trigger").get("path").asString()).isEqualTo("/users/:id/orders/:order");
        // Since 0.23 the http worker calls the function like any worker, so the engine stamps it as the caller.
        assertThat(call.callerWorkerId()).isEqualTo(worker.workerIdNamed("http"));
        assertThat(call.metadata().get("route").asString()).isEqualTo("users-get");

        ObjectNode envelope = object().put("status_code", 201);
        envelope.set("headers", object().put("x-order", "7"));
        envelope.set("body", object().put("created", true));
        worker.reply(call, envelope);

        HttpResponse<String> response = pending.get();
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("x-order")).contains("7");
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(TestWorker.JSON.readTree(response.body()).get("created").asBoolean()).isTrue();
    }

    @Test
    void aPlainObjectResultIs200WithAnEmptyObjectBody() throws Exception {
        route("plain", "plain", "GET", "api::plain");
        var pending = get("/plain");
        InvokeFunction call = worker.await(InvokeFunction.class, c -> c.functionId().equals("api::plain"));
        assertThat(call.data().tree().get("body").isNull()).isTrue();
        worker.reply(call, object().put("hello", "world"));
        HttpResponse<String> response = pending.get();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}");
    }

    @Test
    void aStringBodyWithAContentTypeIsSentRaw() throws Exception {
        route("text", "/text", "GET", "api::text");
        var pending = get("/text");
        InvokeFunction call = worker.await(InvokeFunction.class, c -> c.functionId().equals("api::text"));
        ObjectNode envelope = object().put("body", "plain words");
        envelope.set("headers", TestWorker.JSON.createArrayNode().add("Content-Type: text/plain"));
        worker.reply(call, envelope);
        HttpResponse<String> response = pending.get();
        assertThat(response.body()).isEqualTo("plain words");
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    }

    @Test
    void aHandlerErrorIs500WithTheErrorEnvelope() throws Exception {
        route("fail", "/fail", "GET", "api::fail");
        var pending = get("/fail");
        InvokeFunction call = worker.await(InvokeFunction.class, c -> c.functionId().equals("api::fail"));
        worker.send(InvocationResult.failure(call.invocationId(), call.functionId(),
                new ErrorBody("invocation_failed", "boom")));
        HttpResponse<String> response = pending.get();
        assertThat(response.statusCode()).isEqualTo(500);
        JsonNode error = TestWorker.JSON.readTree(response.body()).get("error");
        assertThat(error.get("code").asString()).isEqualTo("invocation_failed");
        assertThat(error.get("message").asString()).isEqualTo("boom");
        assertThat(error.get("error_id").asString()).matches("[0-9a-f]+");
    }

    @Test
    void noRouteIs404() throws Exception {
        HttpResponse<String> response = get("/nowhere").get();
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"Not Found\"}}");
    }

    @Test
    void aPathThatExistsWithAnotherMethodIs405WithTheMethodsItHas() throws Exception {
        route("only-post", "/only-post", "POST", "api::only-post");
        HttpResponse<String> response = get("/only-post").get();
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).contains("POST");
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(response.body())
                .isEqualTo("{\"error\":{\"code\":\"METHOD_NOT_ALLOWED\",\"message\":\"Method Not Allowed\"}}");

        route("items-put", "/items/:id", "PUT", "api::items-put");
        route("items-get", "/items/:id", "GET", "api::items-get");
        HttpResponse<String> delete = http.send(HttpRequest.newBuilder(URI.create(engine.httpUrl() + "/items/7"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("allow")).contains("GET, PUT");
        // a path no route has is still 404
        assertThat(get("/items/7/parts").get().statusCode()).isEqualTo(404);
    }

    @Test
    void noAnswerWithinTheTimeoutIs504() throws Exception {
        // its own engine: a short timeout would make the other tests race the handler on a loaded machine
        try (EmbeddedEngine impatient = EngineTestSupport.start(EngineTestSupport.fastOptions()
                .withHttpTimeout(Duration.ofMillis(300)));
                TestWorker slow = TestWorker.registered(impatient, "slow-api")) {
            slow.registerFunction("api::slow");
            slow.send(new RegisterTrigger("slow", "http", "api::slow", object().put("api_path", "/slow"), null, null,
                    null));
            await().atMost(TestWorker.WAIT).until(() -> slow.callOk("engine::registered-triggers::list", object())
                    .get("registered_triggers").size() == 1);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(impatient.httpUrl() + "/slow"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(504);
            assertThat(response.body()).isEmpty();
            // the invocation itself was delivered and is not cancelled
            slow.await(InvokeFunction.class, c -> c.functionId().equals("api::slow"));
        }
    }

    @Test
    void aRouteGoesAwayWithItsWorker() throws Exception {
        route("temp", "/temp", "GET", "api::temp");
        worker.close();
        await().atMost(TestWorker.WAIT).until(() -> get("/temp").get().statusCode() == 404);
    }

    private java.util.concurrent.CompletableFuture<HttpResponse<String>> get(String path) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(engine.httpUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void route(String id, String path, String method, String functionId) {
        worker.registerFunction(functionId);
        worker.send(new RegisterTrigger(id, "http", functionId, object().put("api_path", path).put("http_method", method),
                object().put("route", id), null, null));
        await().atMost(TestWorker.WAIT).until(() -> worker.callOk("engine::registered-triggers::list", object())
                .get("registered_triggers").findValuesAsString("id").contains(id));
    }
}
