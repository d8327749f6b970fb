package dev.iii.bench.party;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.iii.sdk.IIIWorker;

/**
 * Times registrations with {@code iii-sdk}: {@code register COUNT PREFIX} registers {@code COUNT} echo functions
 * on the connected worker and calls the last one until it answers (frames on one connection are applied in
 * order, so then all are registered), then checks untimed that every one answers. Replies with the time the
 * {@code registerFunction} calls took and the time until the last function answered, both from the first
 * {@code registerFunction} call.
 * <p>
 * {@code java ... SdkRegistrationWorker ENGINE_URL WORKER_NAME}
 */
public final class SdkRegistrationWorker {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final IIIWorker worker;

    private SdkRegistrationWorker(IIIWorker worker) {
        this.worker = worker;
    }

    public static void main(String[] args) throws Exception {
        IIIWorker worker = SdkParticipant.connect(args[0], args[1]);
        SdkRegistrationWorker registration = new SdkRegistrationWorker(worker);
        ControlChannel.reply("ready", Map.of());
        new ControlChannel().on("register", a -> registration.register(Integer.parseInt(a[0]), a[1]))
                .serve(() -> worker.shutdown(Duration.ofSeconds(5)));
    }

    private Map<String, Object> register(int count, String prefix) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            worker.registerFunction(prefix + i, (payload, context) -> payload);
        }
        long registered = System.nanoTime();
        awaitAnswer(prefix + (count - 1), start + TIMEOUT.toNanos());
        long callable = System.nanoTime();
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(worker.call(prefix + i, Map.of()));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return Map.of("register_ns", registered - start, "callable_ns", callable - start, "verified", count);
    }

    private void awaitAnswer(String functionId, long deadline) throws Exception {
        while (true) {
            try {
                worker.call(functionId, Map.of()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                return;
            }
            catch (ExecutionException ex) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(functionId + " did not become callable: " + ex.getCause(), ex);
                }
            }
        }
    }
}
