package dev.iii.engine;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.RegisterTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

import static dev.iii.engine.TestWorker.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code http} trigger's channels (wire specification §6.1): the raw request body on {@code request_body},
 * and a response streamed on {@code response} from {@code set_status}, {@code set_headers} and body frames.
 */
class HttpStreamingTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedEngine engine;
    private TestWorker worker;

    @BeforeEach
    void start() {
        engine = EngineTestSupport.start(EngineTestSupport.fastOptions().withHttpTimeout(Duration.ofSeconds(2)));
        worker = TestWorker.registered(engine, "streaming-api");
    }

    @AfterEach
    void stop() {
        worker.close();
        engine.close();
    }

    @Test
    void theRawBodyOfAnyContentTypeIsOnRequestBody() throws Exception {
        route("/upload", "POST", "api::upload");
        byte[] upload = new byte[300 * 1024 + 17];
        new Random(7).nextBytes(upload);
        var pending = http.sendAsync(HttpRequest.newBuilder(URI.create(engine.httpUrl() + "/upload"))
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofByteArray(upload)).build(), HttpResponse.BodyHandlers.ofString());
        InvokeFunction call = worker.await(InvokeFunction.class, c -> c.functionId().equals("api::upload"));
        JsonNode request = call.data().tree();
        assertThat(request.get("body").isNull()).isTrue();
        assertThat(request.get("request_body").get("direction").asString()).isEqualTo("read");
        assertThat(request.get("response").get("direction").asString()).isEqualTo("write");
        try (RawChannelEnd body = RawChannelEnd.open(engine, request.get("request_body"))) {
            assertThat(body.awaitClose()).isEqualTo(1000);
            assertThat(body.bytes()).isEqualTo(upload);
        }
        worker.reply(call, object().put("status_code", 201));
        assertThat(pending.get().statusCode()).isEqualTo(201);
        await().until(() -> engine.core().channels.size() == 0);
    }

    @Test
    void aJsonBodyIsParsedAndAlsoOnRequestBody() throws Exception {
        route("/json", "POST", "api::json");
        var pending = http.sendAsync(HttpRequest.newBuilder(URI.create(engine.httpUrl() + "/json"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"n\":1}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        InvokeFunction call = worker.await(InvokeFunction.class, c -> c.functionId().equals("api::json"));
        assertThat(call.data().tree().get("body").get("n").asInt()).isEqualTo(1);
        try (RawChannelEnd body = RawChannelEnd.open(engine, call.data().tree().get("request_body"))) {
            assertThat(body.awaitClose()).isEqualTo(1000);
            assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
        }
        worker.reply(call, object());
        assertThat(pending.get().statusCode()).isEqualTo(200);
    }

    @Test
    void aResponseIsStreamedFromStatusHeadersAndBodyFrames() throws Exception {
        route("/report", "GET", "api::report");
        CompletableFuture<HttpResponse<InputStream>> pending = http.sendAsync(
                HttpRequest.newBuilder(URI.create(engine.httpUrl() + "/report")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        InvokeFunction call = worker.await(InvokeFunction.class, c -> c.functionId().equals("api::report"));
        try (RawChannelEnd response = RawChannelEnd.open(engine, call.data().tree().get("response"))) {
            response.sendText("{\"type\":\"set_status\",\"status_code\":202}");
            response.sendText("{\"type\":\"set_headers\",\"headers\":{\"content-type\":\"text/csv\",\"x-rows\":\"2\"}}");
            response.sendBinary("a,b\n".getBytes(StandardCharsets.UTF_8));
            // The head goes out with the first body frame; the rest follows as it is written.
            HttpResponse<InputStream> head = pending.get();
            assertThat(head.statusCode()).isEqualTo(202);
            assertThat(head.headers().firstValue("content-type")).contains("text/csv");
            assertThat(head.headers().firstValue("x-rows")).contains("2");
            response.sendText("{\"type\":\"set_status\",\"status_code\":500}");
            response.sendBinary("1,2\n".getBytes(StandardCharsets.UTF_8));
            worker.send(dev.iii.protocol.InvocationResult.success(call.invocationId(), call.functionId(), null));
            response.closeNormally();
            assertThat(new String(head.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a,b\n1,2\n");
        }
    }

    @Test
    void aBodyStreamedLongerThanTheTimeoutIsNotCut() throws Exception {
        route("/events", "GET", "api::events");
        CompletableFuture<HttpResponse<InputStream>> pending = http.sendAsync(
                HttpRequest.newBuilder(URI.create(engine.httpUrl() + "/events")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        InvokeFunction call = worker.await(InvokeFunction.class, c -> c.functionId().equals("api::events"));
        try (RawChannelEnd response = RawChannelEnd.open(engine, call.data().tree().get("response"))) {
            response.sendBinary("data: 1\n\n".getBytes(StandardCharsets.UTF_8));
            HttpResponse<InputStream> head = pending.get();
            assertThat(head.statusCode()).isEqualTo(200);
            // Past the 2 s timeout the stream is still open.
            await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5))
                    .until(() -> !response.closeCode.isDone());
            response.sendBinary("data: 2\n\n".getBytes(StandardCharsets.UTF_8));
            response.closeNormally();
            assertThat(new String(head.body().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("data: 1\n\ndata: 2\n\n");
        }
    }

    @Test
    void aResultBeforeAnyBodyIsTheEnvelopeEvenAfterControlMessages() throws Exception {
        route("/mixed", "GET", "api::mixed");
        var pending = get("/mixed");
        InvokeFunction call = worker.await(InvokeFunction.class, c -> c.functionId().equals("api::mixed"));
        try (RawChannelEnd response = RawChannelEnd.open(engine, call.data().tree().get("response"))) {
            response.sendText("{\"type\":\"set_status\",\"status_code\":418}");
            await().until(() -> channelOf(call.data().tree().get("response")) == null
                    || channelOf(call.data().tree().get("response")).queued() == 0);
            ObjectNode envelope = object().put("status_code", 201);
            envelope.set("body", object().put("ok", true));
            worker.reply(call, envelope);
            HttpResponse<String> answer = pending.get();
            assertThat(answer.statusCode()).isEqualTo(201);
            assertThat(answer.body()).isEqualTo("{\"ok\":true}");
            // The exchange is over: the writer hears that nobody reads it any more.
            assertThat(response.awaitClose()).isEqualTo(1011);
        }
    }

    @Test
    void noValueAndAClosedWriterIsTheStatusWithAnEmptyBody() throws Exception {
        route("/empty", "DELETE", "api::empty");
        var pending = http.sendAsync(HttpRequest.newBuilder(URI.create(engine.httpUrl() + "/empty")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        InvokeFunction call = worker.await(InvokeFunction.class, c -> c.functionId().equals("api::empty"));
        worker.reply(call, NullNode.getInstance());
        try (RawChannelEnd response = RawChannelEnd.open(engine, call.data().tree().get("response"))) {
            response.sendText("{\"type\":\"set_status\",\"status_code\":204}");
            response.closeNormally();
        }
        HttpResponse<String> answer = pending.get();
        assertThat(answer.statusCode()).isEqualTo(204);
        assertThat(answer.body()).isEmpty();
    }

    @Test
    void noValueAndNothingWrittenIs504AfterTheTimeout() throws Exception {
        route("/silent", "GET", "api::silent");
        var pending = get("/silent");
        InvokeFunction call = worker.await(InvokeFunction.class, c -> c.functionId().equals("api::silent"));
        worker.reply(call, NullNode.getInstance());
        HttpResponse<String> answer = pending.get();
        assertThat(answer.statusCode()).isEqualTo(504);
        assertThat(answer.body()).isEmpty();
        await().until(() -> engine.core().channels.size() == 0);
    }

    @Test
    void aClientThatGoesAwayClosesTheResponseWriter() throws Exception {
        route("/download", "GET", "api::download");
        CompletableFuture<HttpResponse<InputStream>> pending = http.sendAsync(
                HttpRequest.newBuilder(URI.create(engine.httpUrl() + "/download")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        InvokeFunction call = worker.await(InvokeFunction.class, c -> c.functionId().equals("api::download"));
        try (RawChannelEnd response = RawChannelEnd.open(engine, call.data().tree().get("response"))) {
            byte[] chunk = new byte[64 * 1024];
            response.sendBinary(chunk);
            pending.get().body().close();
            // The writer keeps writing into a response nobody reads, until the engine closes it.
            Thread writer = new Thread(() -> {
                while (!response.closeCode.isDone()) {
                    try {
                        response.sendBinary(chunk);
                    }
                    catch (RuntimeException ex) {
                        return;
                    }
                }
            });
            writer.setDaemon(true);
            writer.start();
            // 1011, then the connection is dropped: a Close that crosses the writer's next frame may be lost to it.
            int close = response.awaitClose();
            assertThat(close).as("the write end's close (%s)", response.closeReason()).isIn(1011, -1);
            if (close == -1) {
                assertThat(response.closeReason()).contains("IOException");
            }
        }
        await().until(() -> engine.core().channels.size() == 0);
    }

    @Test
    void aResponseClosedWhileTheUploadGoesOnEndsTheExchange() throws Exception {
        route("/ingest", "POST", "api::ingest");
        // Far more than the channel, the sockets and the HTTP server hold: the request body is never read to its end.
        try (RawHttpUpload upload = RawHttpUpload.post(URI.create(engine.httpUrl() + "/ingest"), 1L << 30)) {
            InvokeFunction call = worker.await(InvokeFunction.class, c -> c.functionId().equals("api::ingest"));
            try (RawChannelEnd body = RawChannelEnd.openSlow(engine, call.data().tree().get("request_body"));
                    RawChannelEnd response = RawChannelEnd.open(engine, call.data().tree().get("response"))) {
                // The handler reads the start of the body, answers, and leaves its reader open.
                body.awaitReceived(1);
                response.sendText("{\"type\":\"set_status\",\"status_code\":202}");
                response.sendBinary("too big".getBytes(StandardCharsets.UTF_8));
                response.closeNormally();
                worker.send(dev.iii.protocol.InvocationResult.success(call.invocationId(), call.functionId(), null));

                assertThat(upload.answer).succeedsWithin(TestWorker.WAIT).isEqualTo(
                        new RawHttpUpload.Answer("HTTP/1.1 202 Accepted", "too big"));
                // The engine stopped writing the body: its reader hears that the stream did not end cleanly.
                body.takeAll();
                assertThat(body.awaitClose()).as("the read end's close (%s)", body.closeReason()).isEqualTo(1011);
            }
        }
        await().until(() -> engine.core().channels.size() == 0);
    }

    private EngineChannel channelOf(JsonNode ref) {
        return engine.core().channels.find(ref.get("channel_id").asString(), ref.get("access_key").asString());
    }

    private CompletableFuture<HttpResponse<String>> get(String path) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(engine.httpUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void route(String path, String method, String functionId) {
        worker.registerFunction(functionId);
        worker.send(new RegisterTrigger(functionId, "http", functionId,
                object().put("api_path", path).put("http_method", method), null, null, null));
        await().atMost(TestWorker.WAIT).until(() -> worker.callOk("engine::registered-triggers::list", object())
                .get("registered_triggers").findValuesAsString("id").contains(functionId));
    }
}
