package dev.iii.bench.party;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.iii.sdk.IIIWorker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code iii-sdk} caller: {@link IIIWorker#call(String, Object)} with the payload held as a JSON tree, with
 * the SDK's defaults.
 * <p>
 * {@code java ... SdkCaller ENGINE_URL WORKER_NAME}, then the {@link CallerCommands} on stdin.
 */
public final class SdkCaller implements EchoCalls {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IIIWorker worker;

    private SdkCaller(IIIWorker worker) {
        this.worker = worker;
    }

    public static void main(String[] args) throws Exception {
        IIIWorker worker = SdkParticipant.connect(args[0], args[1]);
        ControlChannel.reply("ready", Map.of());
        CallerCommands.install(new ControlChannel(), new SdkCaller(worker)).serve(() -> worker.shutdown(Duration.ofSeconds(5)));
    }

    @Override
    public CompletableFuture<JsonNode> callOnce(String functionId, String payloadJson) {
        return worker.call(functionId, JSON.readTree(payloadJson));
    }

    @Override
    public Supplier<CompletableFuture<?>> calls(String functionId, String payloadJson) {
        JsonNode payload = JSON.readTree(payloadJson);
        return () -> worker.call(functionId, payload);
    }
}
