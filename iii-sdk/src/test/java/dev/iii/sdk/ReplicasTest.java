package dev.iii.sdk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.sdk.function.FunctionRegistration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Replicas of one worker on one engine, as {@code docs/production.md} ("Running more than one replica") describes
 * them: one owner per function id and namespace, names unique per namespace, and what works within that.
 */
class ReplicasTest {

    private static final Duration CONNECT = Duration.ofSeconds(20);
    private static final ReconnectPolicy QUICK_RECONNECT = new ReconnectPolicy(Duration.ofMillis(50), 2.0,
            Duration.ofMillis(200), 0.3, -1);

    private EmbeddedEngine engine;
    private final List<IIIWorker> workers = new ArrayList<>();
    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();

    @BeforeEach
    void startEngine() {
        engine = EmbeddedEngine.builder().port(0).httpPort(0).build().start();
    }

    @AfterEach
    void stop() {
        workers.forEach(worker -> worker.shutdown(Duration.ofSeconds(1)));
        engine.close();
    }

    private IIIWorker worker(WorkerOptions.Builder options) {
        // Nothing from this machine's environment (III_NAMESPACE, III_WORKER_NAME) takes part.
        IIIWorker worker = IIIWorker.create(options.url(engine.url()).environment(name -> null).build());
        workers.add(worker);
        return worker;
    }

    /** A replica of the orders service: {@code orders::whoami} answers with the replica's name. */
    private Replica replica(String name, String namespace) throws InterruptedException {
        IIIWorker worker = worker(WorkerOptions.builder().name(name).namespace(namespace)
                .nameConflictGrace(Duration.ZERO).reconnectPolicy(QUICK_RECONNECT));
        FunctionRegistration whoami = worker.registerFunction("orders::whoami", (payload, context) -> {
            served.computeIfAbsent(name, key -> new AtomicInteger()).incrementAndGet();
            return name;
        });
        worker.start();
        assertThat(worker.awaitConnected(CONNECT)).isTrue();
        return new Replica(worker, whoami);
    }

    record Replica(IIIWorker worker, FunctionRegistration whoami) {
    }

    private IIIWorker caller() throws InterruptedException {
        IIIWorker caller = worker(WorkerOptions.builder().name("replicas-caller").reconnectPolicy(QUICK_RECONNECT));
        caller.start();
        assertThat(caller.awaitConnected(CONNECT)).isTrue();
        return caller;
    }

    private static String whoami(IIIWorker caller, String namespace) {
        CallOptions options = namespace == null ? CallOptions.defaults() : CallOptions.defaults().withNamespace(namespace);
        return caller.call("orders::whoami", Map.of(), String.class, options).join();
    }

    /** The error code a call of {@code orders::whoami} in the default namespace fails with; {@code null} if it does not. */
    private static String failureCode(IIIWorker caller) {
        Throwable failure = catchThrowable(() -> whoami(caller, null));
        return failure instanceof CompletionException && failure.getCause() instanceof InvocationException error
                ? error.getCode() : null;
    }

    @Test
    void replicasWithDistinctNamesAndANamespaceEachBothServe() throws Exception {
        Replica eu = replica("orders-eu", "eu");
        Replica us = replica("orders-us", "us");
        IIIWorker caller = caller();

        assertThat(whoami(caller, "eu")).isEqualTo("orders-eu");
        assertThat(whoami(caller, "us")).isEqualTo("orders-us");
        assertThat(eu.whoami().rejection()).isEmpty();
        assertThat(us.whoami().rejection()).isEmpty();
        assertThat(failureCode(caller)).as("no replica serves the default namespace")
                .isEqualTo(ErrorCode.FUNCTION_NOT_FOUND);
    }

    @Test
    void aSecondReplicaOfAFunctionIdIsRefusedThatFunctionWhileTheFirstServesIt() throws Exception {
        Replica first = replica("orders-1", null);
        Replica second = replica("orders-2", null);
        IIIWorker caller = caller();

        await().until(() -> second.whoami().rejection().isPresent());
        RegistrationRejectedException rejection = second.whoami().rejection().get();
        assertThat(rejection.getCode()).isEqualTo(ErrorCode.FUNCTION_NAMESPACE_CONFLICT);
        assertThat(rejection.getNamespace()).isEqualTo("default");
        assertThat(rejection.getOwnerWorkerId()).isEqualTo(first.worker().workerId().orElseThrow());
        assertThat(second.worker().connectionState()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(first.whoami().rejection()).isEmpty();
        for (int i = 0; i < 5; i++) {
            assertThat(whoami(caller, null)).isEqualTo("orders-1");
        }
        assertThat(served).containsOnlyKeys("orders-1");
    }

    @Test
    void aRefusedReplicaTakesTheFunctionOverOnItsNextConnectionNotWhenTheOwnerLeaves() throws Exception {
        Replica first = replica("orders-1", null);
        Replica second = replica("orders-2", null);
        IIIWorker caller = caller();
        await().until(() -> second.whoami().rejection().isPresent());

        first.worker().shutdown(Duration.ofSeconds(5));
        await().until(() -> ErrorCode.FUNCTION_NOT_FOUND.equals(failureCode(caller)));
        assertThat(second.worker().connectionState()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(second.whoami().rejection()).isPresent();
        assertThat(served).doesNotContainKey("orders-2");

        // An engine restart, on the port the workers know: the refused replica registers everything again.
        int port = engine.port();
        engine.close();
        engine = EmbeddedEngine.builder().port(port).httpPort(0).build().start();
        await().atMost(CONNECT).until(() -> second.whoami().rejection().isEmpty()
                && caller.connectionState() == ConnectionState.CONNECTED && failureCode(caller) == null);
        assertThat(whoami(caller, null)).isEqualTo("orders-2");
    }

    @Test
    void aSecondReplicaWithTheSameNameIsRefusedForGoodAndTheFirstServesOn() throws Exception {
        Replica first = replica("orders", null);
        IIIWorker twin = worker(WorkerOptions.builder().name("orders").nameConflictGrace(Duration.ZERO));
        twin.start();

        await().until(() -> twin.connectionState() == ConnectionState.FAILED);
        assertThat(twin.fatalError()).hasValueSatisfying(
                error -> assertThat(error.getCode()).isEqualTo(ErrorCode.WORKER_NAMESPACE_CONFLICT));
        assertThat(first.worker().connectionState()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(whoami(caller(), null)).isEqualTo("orders");
    }

    @Test
    void enqueuedCallsAllRunOnTheFunctionsOneOwner() throws Exception {
        replica("orders-1", null);
        Replica second = replica("orders-2", null);
        IIIWorker caller = caller();
        await().until(() -> second.whoami().rejection().isPresent());

        for (int i = 0; i < 4; i++) {
            caller.enqueue("orders", "orders::whoami", Map.of()).join();
        }
        await().until(() -> served.containsKey("orders-1") && served.get("orders-1").get() == 4);
        assertThat(served).containsOnlyKeys("orders-1");
    }
}
