package dev.iii.engine;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.iii.protocol.RawJson;
import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.Message;
import dev.iii.protocol.MessageCodec;
import dev.iii.protocol.RegisterFunction;
import dev.iii.protocol.TriggerAction;
import dev.iii.protocol.WorkerRegistered;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.awaitility.Awaitility;

/**
 * A raw WebSocket worker for tests: sends and receives protocol frames with the SDK codec, records every frame
 * it receives, and offers a few shortcuts for the usual steps.
 */
final class TestWorker implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration WAIT = Duration.ofSeconds(10);

    private final MessageCodec codec = new MessageCodec();
    private final List<Message> received = new CopyOnWriteArrayList<>();
    private final List<String> receivedTexts = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;
    final String workerId;
    final String reattachToken;

    private TestWorker(String url) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(url), new Listener()).join();
        WorkerRegistered registered = await(WorkerRegistered.class, m -> true);
        workerId = registered.workerId();
        reattachToken = registered.reattachToken();
    }

    /** Connects and waits for {@code workerregistered}. */
    static TestWorker connect(EmbeddedEngine engine) {
        return new TestWorker(engine.url());
    }

    static TestWorker connectTo(String url) {
        return new TestWorker(url);
    }

    /** Connects, sends metadata with {@code name} and a pid, and waits until it shows in the worker list. */
    static TestWorker registered(EmbeddedEngine engine, String name) {
        TestWorker worker = connect(engine);
        worker.sendMetadata(name, null);
        worker.awaitListed(name);
        return worker;
    }

    void send(Message message) {
        socket.sendText(codec.encodeToString(message), true).join();
    }

    void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    void sendBinary(byte[] frame) {
        socket.sendBinary(java.nio.ByteBuffer.wrap(frame), true).join();
    }

    void sendMetadata(String name, String namespace) {
        ObjectNode data = JSON.createObjectNode().put("runtime", "java").put("version", "0.0.1-test")
                .put("name", name).put("os", "test-os").put("pid", 4242);
        if (namespace != null) {
            data.put("namespace", namespace);
        }
        send(InvokeFunction.call(null, "engine::workers::register", RawJson.of(data), null, null, null, new TriggerAction.Void(),
                null));
    }

    void registerFunction(String id) {
        send(new RegisterFunction(id, "test function " + id, null, null, null, null));
    }

    /** Registers {@code id} and waits until the engine knows it. */
    void registerFunctionAndAwait(String id) {
        registerFunction(id);
        Awaitility.await().atMost(WAIT)
                .until(() -> call("engine::functions::info", object().put("function_id", id)).error() == null);
    }

    /** Request/response call; returns the result frame. */
    InvocationResult call(String functionId, JsonNode data) {
        return call(functionId, data, null);
    }

    InvocationResult call(String functionId, JsonNode data, String namespace) {
        UUID id = UUID.randomUUID();
        send(InvokeFunction.call(id, functionId, RawJson.of(data), null, null, null, null, namespace));
        return await(InvocationResult.class, r -> r.invocationId().equals(id));
    }

    JsonNode callOk(String functionId, JsonNode data) {
        InvocationResult result = call(functionId, data);
        if (result.error() != null) {
            throw new AssertionError(functionId + " failed: " + result.error());
        }
        return result.result() == null ? null : result.result().tree();
    }

    void awaitListed(String name) {
        Awaitility.await().atMost(WAIT).until(() -> {
            for (JsonNode row : callOk("engine::workers::list", object()).get("workers")) {
                if (name.equals(row.path("name").asString(null))) {
                    return true;
                }
            }
            return false;
        });
    }

    /** The id {@code engine::workers::list} shows for the worker of that name. */
    String workerIdNamed(String name) {
        for (JsonNode row : callOk("engine::workers::list", object()).get("workers")) {
            if (name.equals(row.path("name").asString(null))) {
                return row.get("id").asString();
            }
        }
        throw new AssertionError("no worker named " + name);
    }

    /** Waits for the first received frame of that type matching {@code match} (already received ones count). */
    <T extends Message> T await(Class<T> type, Predicate<T> match) {
        return Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(5))
                .alias("a " + type.getSimpleName() + " frame matching; received so far: " + received)
                .until(() -> find(type, match), Objects::nonNull);
    }

    private <T extends Message> T find(Class<T> type, Predicate<T> match) {
        for (Message message : received) {
            if (type.isInstance(message) && match.test(type.cast(message))) {
                return type.cast(message);
            }
        }
        return null;
    }

    <T extends Message> List<T> receivedOf(Class<T> type) {
        List<T> result = new ArrayList<>();
        for (Message message : received) {
            if (type.isInstance(message)) {
                result.add(type.cast(message));
            }
        }
        return result;
    }

    /** Answers an incoming invocation. */
    void reply(InvokeFunction call, JsonNode result) {
        send(InvocationResult.success(call.invocationId(), call.functionId(), RawJson.of(result)));
    }

    /** Every frame received, as the text that came over the socket. */
    List<String> receivedTexts() {
        return List.copyOf(receivedTexts);
    }

    boolean isClosed() {
        return closed.isDone();
    }

    void awaitClosed() {
        closed.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** Waits for the engine to close the socket: the status of its Close frame, or -2 for a broken connection. */
    int awaitCloseCode() {
        return closed.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** Sends one text message as the frames given: the message is their concatenation. */
    void sendFragmented(String... frames) {
        for (int i = 0; i < frames.length; i++) {
            socket.sendText(frames[i], i == frames.length - 1).join();
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.abort();
            closed.complete(-1);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                receivedTexts.add(text.toString());
                received.add(codec.decode(text.toString()));
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-2);
        }
    }
}
