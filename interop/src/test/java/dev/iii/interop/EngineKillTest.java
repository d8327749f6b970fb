package dev.iii.interop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.stream.IntStream;

import dev.iii.sdk.CallOptions;
import dev.iii.sdk.ConnectionState;
import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.InvocationException;
import dev.iii.sdk.ReconnectPolicy;
import dev.iii.sdk.WorkerOptions;
import dev.iii.sdk.builtin.HttpTriggerRequest;
import dev.iii.sdk.builtin.HttpTriggerResponse;
import dev.iii.sdk.function.FunctionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The engine killed with SIGKILL under load and started again on the same ports: sixteen Java callers and a
 * Node SDK caller keep calling a Java function all along. Every call ends in its result or a typed error within
 * its timeout and a second; the function and its http trigger are back within the worker's longest backoff and
 * a second; no result from before the kill reaches the new engine. The figures go to the test's output (and
 * to {@code docs/reliability.md}).
 */
class EngineKillTest {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    private static final ReconnectPolicy BACKOFF = new ReconnectPolicy(Duration.ofMillis(100), 2.0,
            Duration.ofMillis(500), 0.3, -1);
    private static final Duration BACK_WITHIN = BACKOFF.maxDelay().multipliedBy(13).dividedBy(10).plusSeconds(1);
    private static final int JAVA_CALLERS = 16;
    /** The engine logs a result for an invocation it does not know at DEBUG. */
    private static final String ENGINE_DEBUG = "dev.iii.engine=debug";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EngineProcess engine;
    private IIIWorker target;
    private IIIWorker caller;
    private NodeWorker node;
    private volatile boolean stopping;

    @AfterEach
    void stop() {
        stopping = true;
        if (node != null) {
            node.close();
        }
        for (IIIWorker worker : new IIIWorker[] { caller, target }) {
            if (worker != null) {
                worker.shutdown(Duration.ofSeconds(1));
            }
        }
        if (engine != null) {
            engine.close();
        }
    }

    /** What the Java callers saw. */
    static final class Outcomes {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger results = new AtomicInteger();
        final AtomicInteger wrong = new AtomicInteger();
        final AtomicInteger untyped = new AtomicInteger();
        final AtomicInteger hung = new AtomicInteger();
        final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);

        Map<String, Integer> errorCounts() {
            Map<String, Integer> counts = new TreeMap<>();
            errors.forEach((code, count) -> counts.put(code, count.get()));
            return counts;
        }
    }

    @Test
    void callsEndTypedAndRegistrationsReturnAfterTheEngineIsKilledAndRestarted() throws Exception {
        engine = EngineProcess.start(0, 0, ENGINE_DEBUG);
        target = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("kill-target").reconnectPolicy(BACKOFF)
                .build());
        // Answers after a moment, so that invocations are in flight when the engine dies.
        target.registerFunction("kill::echo", (payload, context) -> CompletableFuture.supplyAsync(() -> payload,
                CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS)));
        target.registerFunction("kill::http", FunctionOptions.builder().build(),
                new TypeReference<HttpTriggerRequest<JsonNode>>() { },
                (request, context) -> HttpTriggerResponse.ok(request.body()));
        target.registerTrigger("http", "kill::http", Map.of("api_path", "kill/echo", "http_method", "POST"), null);
        target.start();
        caller = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("kill-caller").reconnectPolicy(BACKOFF)
                .invocationTimeout(CALL_TIMEOUT).build()).start();
        assertThat(target.awaitConnected(Duration.ofSeconds(30))).isTrue();
        assertThat(caller.awaitConnected(Duration.ofSeconds(30))).isTrue();

        Outcomes java = new Outcomes();
        AtomicLong payloads = new AtomicLong();
        List<Thread> callers = IntStream.range(0, JAVA_CALLERS)
                .mapToObj(i -> new Thread(() -> callUntilStopped(java, payloads), "java-caller-" + i)).toList();
        callers.forEach(Thread::start);
        node = NodeWorker.start("node-load-caller.mjs", engine.url(), Map.of("FUNCTION_ID", "kill::echo",
                "CONCURRENCY", "4", "TIMEOUT_MS", Long.toString(CALL_TIMEOUT.toMillis())));
        node.awaitLine("READY");
        await().atMost(Duration.ofSeconds(30)).until(() -> java.results.get() >= 500);

        int inFlightAtKill = target.statistics().inFlightInvocations();
        engine.kill();
        int resultsAtKill = java.results.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> target.connectionState() != ConnectionState.CONNECTED
                && caller.connectionState() != ConnectionState.CONNECTED);

        AtomicLong targetBackAt = new AtomicLong();
        target.addConnectionStateListener((state, cause) -> {
            if (state == ConnectionState.CONNECTED) {
                targetBackAt.compareAndSet(0, System.nanoTime());
            }
        });
        engine = EngineProcess.start(engine.port(), engine.httpPort(), ENGINE_DEBUG);
        long restartedAt = System.nanoTime();
        node.send("mark");
        // Probes with short timeouts, so that a probe sent too early does not hide the moment the worker is back.
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(BACK_WITHIN).pollInterval(Duration.ofMillis(10)).ignoreExceptions().until(() ->
                caller.call("kill::echo", Map.of("n", -1), CallOptions.defaults().withTimeout(Duration.ofMillis(200)))
                        .get().path("n").asInt() == -1
                        && http.send(HttpRequest.newBuilder(URI.create(engine.httpUrl() + "/kill/echo"))
                                .POST(HttpRequest.BodyPublishers.ofString("{\"probe\":true}"))
                                .header("content-type", "application/json").timeout(Duration.ofMillis(200)).build(),
                                HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        Duration backAfter = Duration.ofNanos(System.nanoTime() - restartedAt);
        await().atMost(Duration.ofSeconds(30)).until(() -> java.results.get() >= resultsAtKill + 500);
        node.awaitLine("RESUMED");
        // The engine's DEBUG lines reach its output (else the check for stale results below would prove nothing).
        http.send(HttpRequest.newBuilder(URI.create(engine.httpUrl() + "/kill/nothing"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        await().until(() -> engine.output().stream().anyMatch(line -> line.contains("no route for POST /kill/nothing")));

        stopping = true;
        for (Thread thread : callers) {
            thread.join(CALL_TIMEOUT.plusSeconds(10).toMillis());
        }
        node.send("stop");
        JsonNode nodeOutcomes = JSON.readTree(node.awaitLine("DONE"));

        System.out.printf("engine kill: %d invocations in flight at the kill; Java: %d calls, %d results, %d typed errors "
                + "%s, %d untyped, %d hung, longest %d ms; Node: %s; after the engine listened again, the worker was "
                + "registered in %d ms and its function and http trigger answered probes in %d ms%n", inFlightAtKill, java.calls.get(), java.results.get(),
                java.errorCounts().values().stream().mapToInt(Integer::intValue).sum(), java.errorCounts(),
                java.untyped.get(), java.hung.get(), TimeUnit.NANOSECONDS.toMillis(java.maxNanos.get()), nodeOutcomes,
                TimeUnit.NANOSECONDS.toMillis(Math.max(0, targetBackAt.get() - restartedAt)), backAfter.toMillis());

        assertThat(java.hung).hasValue(0);
        assertThat(java.untyped).hasValue(0);
        assertThat(java.wrong).hasValue(0);
        assertThat(java.errors).isNotEmpty();
        assertThat(Duration.ofNanos(java.maxNanos.get())).isLessThanOrEqualTo(CALL_TIMEOUT.plusSeconds(1));
        assertThat(nodeOutcomes.path("wrong").asInt()).isZero();
        assertThat(nodeOutcomes.path("errors").has("untyped")).isFalse();
        assertThat(nodeOutcomes.path("maxMs").asLong()).isLessThanOrEqualTo(CALL_TIMEOUT.plusSeconds(1).toMillis());
        assertThat(nodeOutcomes.path("results").asInt()).isPositive();
        assertThat(engine.output()).noneMatch(line -> line.contains("result for unknown invocation"));
        assertThat(target.functionIds()).contains("kill::echo", "kill::http");
    }

    private void callUntilStopped(Outcomes outcomes, AtomicLong payloads) {
        while (!stopping) {
            long n = payloads.incrementAndGet();
            long started = System.nanoTime();
            outcomes.calls.incrementAndGet();
            try {
                JsonNode result = caller.call("kill::echo", Map.of("n", n))
                        .get(CALL_TIMEOUT.plusSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
                (result.path("n").asLong() == n ? outcomes.results : outcomes.wrong).incrementAndGet();
            }
            catch (ExecutionException ex) {
                if (ex.getCause() instanceof InvocationException typed) {
                    outcomes.errors.computeIfAbsent(typed.getCode(), code -> new AtomicInteger()).incrementAndGet();
                }
                else {
                    outcomes.untyped.incrementAndGet();
                }
            }
            catch (TimeoutException ex) {
                outcomes.hung.incrementAndGet();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            outcomes.maxNanos.accumulate(System.nanoTime() - started);
        }
    }
}
