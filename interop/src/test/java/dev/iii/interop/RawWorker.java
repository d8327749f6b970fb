package dev.iii.interop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import dev.iii.sdk.protocol.InvocationResult;
import dev.iii.sdk.protocol.InvokeFunction;
import dev.iii.sdk.protocol.Message;
import dev.iii.sdk.protocol.MessageCodec;
import dev.iii.sdk.protocol.RegisterFunction;
import dev.iii.sdk.protocol.TriggerAction;
import dev.iii.sdk.protocol.WorkerRegistered;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Java worker speaking the raw protocol with the SDK's codec: enough to call Node functions and to serve a
 * function Node calls. (When the Java SDK's worker is ready, tests can use it in place of this.)
 */
final class RawWorker implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final MessageCodec codec = new MessageCodec();
    private final List<Message> received = new CopyOnWriteArrayList<>();
    private final WebSocket socket;
    private final String name;
    final String workerId;

    RawWorker(String url, String name) {
        this.name = name;
        socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), new Listener()).join();
        workerId = await(WorkerRegistered.class, m -> true).workerId();
        ObjectNode metadata = JSON.createObjectNode().put("runtime", "java").put("version", "interop")
                .put("name", name).put("os", System.getProperty("os.name")).put("pid", ProcessHandle.current().pid());
        send(new InvokeFunction(null, "engine::workers::register", metadata, null, null, null, new TriggerAction.Void(),
                null));
    }

    void registerFunction(String id) {
        send(new RegisterFunction(id, "served by " + name, null, null, null, null));
    }

    InvocationResult call(String functionId, JsonNode data) {
        UUID id = UUID.randomUUID();
        send(new InvokeFunction(id, functionId, data, null, null, null, null, null));
        return await(InvocationResult.class, r -> r.invocationId().equals(id));
    }

    /** Waits for an incoming call of {@code functionId} and answers it with {@code result}. */
    InvokeFunction serveOnce(String functionId, java.util.function.Function<JsonNode, JsonNode> handler) {
        InvokeFunction call = await(InvokeFunction.class, c -> c.functionId().equals(functionId));
        send(InvocationResult.success(call.invocationId(), functionId, handler.apply(call.data())));
        return call;
    }

    <T extends Message> T await(Class<T> type, Predicate<T> match) {
        return Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(5))
                .alias(name + " to receive a matching " + type.getSimpleName())
                .until(() -> {
                    for (Message message : received) {
                        if (type.isInstance(message) && match.test(type.cast(message))) {
                            return type.cast(message);
                        }
                    }
                    return null;
                }, Objects::nonNull);
    }

    private void send(Message message) {
        socket.sendText(codec.encode(message), true).join();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add(codec.decode(text.toString()));
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
