package dev.iii.bench.party;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.WorkerOptions;
import dev.iii.sdk.function.FunctionOptions;

/**
 * The {@code iii-sdk} echo worker: a function whose handler returns its payload tree, with the SDK's defaults
 * ({@code pool}), declared {@link FunctionOptions#nonBlocking() non-blocking} ({@code non-blocking}), or with a
 * virtual thread per invocation as the worker's executor ({@code virtual}, Java 21 and later).
 * <p>
 * {@code java ... SdkEchoWorker ENGINE_URL WORKER_NAME FUNCTION_ID pool|non-blocking|virtual}
 */
public final class SdkEchoWorker {

    private SdkEchoWorker() {
    }

    public static void main(String[] args) throws Throwable {
        HandlerThreads handlers = HandlerThreads.of(args[3]);
        WorkerOptions.Builder options = WorkerOptions.builder().url(args[0]).name(args[1]);
        if (handlers == HandlerThreads.VIRTUAL) {
            options.executor(virtualThreadPerTask());
        }
        IIIWorker worker = IIIWorker.create(options.build());
        FunctionOptions function = FunctionOptions.builder().nonBlocking(handlers == HandlerThreads.NON_BLOCKING).build();
        worker.registerFunction(args[2], function, (payload, context) -> payload);
        worker.start();
        if (!worker.awaitConnected(Duration.ofSeconds(30))) {
            throw new IllegalStateException("not connected after 30 s: " + worker.connectionState());
        }
        ControlChannel.reply("ready", Map.of());
        new ControlChannel().serve(() -> worker.shutdown(Duration.ofSeconds(5)));
    }

    // Looked up rather than called: the module compiles for Java 17, which has no virtual threads.
    private static ExecutorService virtualThreadPerTask() throws Throwable {
        return (ExecutorService) MethodHandles.publicLookup()
                .findStatic(Executors.class, "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class))
                .invoke();
    }
}
