package dev.iii.bench.party;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.iii.bench.wire.FrameScanner;
import dev.iii.bench.wire.RawFrames;
import dev.iii.bench.wire.RawWebSocket;
import dev.iii.bench.wire.ScannedFrame;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The raw caller: hand-written {@code invokefunction} frames on one connection, results matched to calls by
 * {@code invocation_id} with {@link FrameScanner}, nothing else. The same caller drives every worker, so the
 * worker is what varies.
 * <p>
 * {@code java ... RawCaller ENGINE_URL}, then the {@link CallerCommands} on stdin.
 */
public final class RawCaller implements EchoCalls {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
    private final RawWebSocket socket;

    private RawCaller(URI url) {
        socket = RawWebSocket.connect(url, this::received, Duration.ofSeconds(10));
        socket.closed().thenAccept(reason -> {
            IllegalStateException lost = new IllegalStateException("engine connection " + reason);
            pending.values().forEach(call -> call.completeExceptionally(lost));
        });
    }

    public static void main(String[] args) throws Exception {
        RawCaller caller = new RawCaller(URI.create(args[0]));
        ControlChannel.reply("ready", Map.of());
        CallerCommands.install(new ControlChannel(), caller).serve(caller.socket::close);
    }

    @Override
    public CompletableFuture<JsonNode> callOnce(String functionId, String payloadJson) {
        return call(functionId, payloadJson).thenApply(frame -> JSON.readTree(frame).get("result"));
    }

    @Override
    public Supplier<CompletableFuture<?>> calls(String functionId, String payloadJson) {
        return () -> call(functionId, payloadJson);
    }

    private CompletableFuture<String> call(String functionId, String data) {
        String invocationId = RawFrames.randomInvocationId();
        CompletableFuture<String> result = new CompletableFuture<>();
        pending.put(invocationId, result);
        socket.send(RawFrames.invoke(invocationId, functionId, data));
        return result;
    }

    private void received(String text) {
        ScannedFrame frame = FrameScanner.scan(text);
        if (!frame.is("invocationresult") || frame.invocationId() == null) {
            return;
        }
        CompletableFuture<String> call = pending.remove(frame.invocationId());
        if (call == null) {
            return;
        }
        if (frame.error()) {
            call.completeExceptionally(new IllegalStateException("error result: " + abbreviated(text)));
        }
        else {
            call.complete(text);
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
