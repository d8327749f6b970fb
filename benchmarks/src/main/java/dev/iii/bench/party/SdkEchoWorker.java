package dev.iii.bench.party;

import java.time.Duration;
import java.util.Map;

import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.WorkerOptions;
import dev.iii.sdk.function.FunctionOptions;

/**
 * The {@code iii-sdk} echo worker: a function whose handler returns its payload tree, with the SDK's defaults,
 * or declared {@link FunctionOptions#nonBlocking() non-blocking} when the last argument is {@code true}.
 * <p>
 * {@code java ... SdkEchoWorker ENGINE_URL WORKER_NAME FUNCTION_ID NON_BLOCKING}
 */
public final class SdkEchoWorker {

    private SdkEchoWorker() {
    }

    public static void main(String[] args) throws Exception {
        IIIWorker worker = IIIWorker.create(WorkerOptions.builder().url(args[0]).name(args[1]).build());
        FunctionOptions options = FunctionOptions.builder().nonBlocking(Boolean.parseBoolean(args[3])).build();
        worker.registerFunction(args[2], options, (payload, context) -> payload);
        worker.start();
        if (!worker.awaitConnected(Duration.ofSeconds(30))) {
            throw new IllegalStateException("not connected after 30 s: " + worker.connectionState());
        }
        ControlChannel.reply("ready", Map.of());
        new ControlChannel().serve(() -> worker.shutdown(Duration.ofSeconds(5)));
    }
}
