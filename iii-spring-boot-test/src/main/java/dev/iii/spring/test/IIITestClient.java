package dev.iii.spring.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.engine.TriggerFireResult;
import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.InvocationException;
import dev.iii.sdk.WorkerOptions;
import dev.iii.sdk.discovery.FunctionInfo;
import dev.iii.sdk.function.FunctionHandler;
import dev.iii.sdk.function.FunctionRegistration;
import dev.iii.spring.client.FunctionCallSpec;
import dev.iii.spring.client.IIITemplate;
import dev.iii.spring.observation.IIIObservationDocumentation;
import io.micrometer.observation.ObservationRegistry;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A second worker on the test's engine, standing in for the rest of the system, the way Temporal's test
 * environment stands in for a Temporal service: it calls the application's functions (with metadata, options
 * and generic results, in the shape of {@link IIITemplate}), fires its triggers on demand (a cron binding now,
 * a queue message, an HTTP request to the engine's {@code http} triggers), waits until functions are
 * registered, and serves stub functions the application calls. Calls and waits are bounded by a timeout (10 s
 * unless set), so tests read top to bottom.
 * <p>
 * In a Spring test context the client is shared by every test class that shares the context: stubs are
 * removed after each test, and {@link #withTimeout(Duration)} returns a copy.
 */
public class IIITestClient implements AutoCloseable {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EmbeddedEngine engine;
    private final IIIWorker worker;
    private final IIITemplate template;
    private final HttpClient http;
    private final List<FunctionRegistration> stubs;
    private final Duration timeout;

    /** A client joined to {@code engine}, connecting in the background. */
    public IIITestClient(EmbeddedEngine engine) {
        this(engine, IIIWorker.create(WorkerOptions.builder().url(engine.url())
                .name("iii-test-client-" + UUID.randomUUID().toString().substring(0, 8)).build()).start(),
                HttpClient.newHttpClient(), new CopyOnWriteArrayList<>(), DEFAULT_TIMEOUT);
    }

    private IIITestClient(EmbeddedEngine engine, IIIWorker worker, HttpClient http, List<FunctionRegistration> stubs,
            Duration timeout) {
        this.engine = engine;
        this.worker = worker;
        this.template = new IIITemplate(worker, ObservationRegistry.NOOP,
                IIIObservationDocumentation.DefaultConventions.CALL);
        this.http = http;
        this.stubs = stubs;
        this.timeout = timeout;
    }

    /** The engine the client is joined to (its {@code httpUrl()} serves the {@code http} triggers). */
    public EmbeddedEngine engine() {
        return engine;
    }

    /** The client's own worker, for anything this class does not wrap. */
    public IIIWorker worker() {
        return worker;
    }

    /** How long calls, fires and waits may take. */
    public Duration timeout() {
        return timeout;
    }

    /** The same client (same worker, same stubs) with another timeout; this one is left as it is. */
    public IIITestClient withTimeout(Duration timeout) {
        return new IIITestClient(engine, worker, http, stubs, timeout);
    }

    // ---------------------------------------------------------------- calls

    /**
     * Starts a call to one of the application's functions, as {@link IIITemplate#function(String)} does, within
     * this client's timeout unless the spec sets another.
     * <pre>{@code
     * Order order = iii.function("orders::create").payload(request).metadata(Map.of("tenant", "t1"))
     *         .retrieve(Order.class);
     * }</pre>
     */
    public FunctionCallSpec function(String functionId) {
        return template.function(functionId).timeout(timeout);
    }

    /**
     * Calls a function that is expected to fail and returns its error, to assert on the code.
     *
     * @throws AssertionError when the call succeeded
     */
    public InvocationException callExpectingError(String functionId, Object payload) {
        JsonNode result;
        try {
            result = function(functionId).payload(payload).retrieve(JsonNode.class);
        }
        catch (InvocationException ex) {
            return ex;
        }
        throw new AssertionError("Expected " + functionId + " to fail, but it returned " + result);
    }

    /** Waits until every one of these functions is registered on the engine. */
    public void awaitFunctions(String... functionIds) {
        Set<String> wanted = Set.copyOf(Arrays.asList(functionIds));
        Awaitility.await("functions " + wanted + " registered on the engine").atMost(timeout)
                .until(() -> registeredFunctionIds().containsAll(wanted));
    }

    private Set<String> registeredFunctionIds() {
        List<FunctionInfo> functions = worker.discovery().listFunctions().join();
        return functions.stream().map(FunctionInfo::functionId).collect(Collectors.toSet());
    }

    /**
     * Serves a function the application under test calls, in place of the real worker; its result or exception
     * is what the application receives. Returns once the engine has it registered; it is removed after the test.
     */
    public FunctionRegistration stubFunction(String functionId, FunctionHandler handler) {
        FunctionRegistration registration = worker.registerFunction(functionId, handler);
        stubs.add(registration);
        awaitFunctions(functionId);
        return registration;
    }

    /** Withdraws every stub; the test support calls it after each test. */
    void removeStubs() {
        List<FunctionRegistration> removed = List.copyOf(stubs);
        stubs.removeAll(removed);
        removed.forEach(FunctionRegistration::unregister);
    }

    // ---------------------------------------------------------------- triggers

    /**
     * Fires the {@code cron} binding of {@code functionId} now, without waiting for its schedule, and waits for
     * the function to finish; the schedule goes on as before.
     *
     * @throws InvocationException when the function failed
     */
    public void fireCron(String functionId) {
        awaitFired(functionId, "cron", () -> engine.fireCron(functionId).join());
    }

    /**
     * Delivers {@code message} to the function bound to a queue topic ({@code @QueueTrigger}) as the queue would,
     * and waits for the function to finish; no queue worker is needed.
     *
     * @throws InvocationException when the function failed, as a failed delivery would
     */
    public void deliverQueueMessage(String functionId, Object message) {
        fireTrigger("durable:subscriber", functionId, message);
    }

    /**
     * Fires the {@code triggerType} binding of {@code functionId} with {@code payload} (any value Jackson writes
     * as JSON) as the type's provider would, and returns the function's result.
     *
     * @throws InvocationException when the function failed
     */
    public JsonNode fireTrigger(String triggerType, String functionId, Object payload) {
        JsonNode tree = JSON.valueToTree(payload);
        return awaitFired(functionId, triggerType, () -> engine.fireTrigger(triggerType, functionId, tree).join());
    }

    /** Waits for the binding (the application binds as it connects), fires it, and reports its outcome. */
    private JsonNode awaitFired(String functionId, String triggerType, Supplier<TriggerFireResult> fire) {
        TriggerFireResult result = Awaitility.await("a " + triggerType + " trigger bound to " + functionId)
                .atMost(timeout).ignoreException(IllegalArgumentException.class).until(fire::get, fired -> true);
        if (result.failed()) {
            throw new InvocationException(result.errorCode(), result.errorMessage());
        }
        return result.result();
    }

    /** Sends {@code GET <engine http url><path>} to the engine's {@code http} triggers. */
    public HttpResponse<String> httpGet(String path) {
        return httpRequest("GET", path, null);
    }

    /** Sends {@code POST} with a JSON body to the engine's {@code http} triggers. */
    public HttpResponse<String> httpPost(String path, String json) {
        return httpRequest("POST", path, json);
    }

    /** Sends a request with any method and, unless {@code json} is {@code null}, a JSON body. */
    public HttpResponse<String> httpRequest(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(engine.httpUrl() + (path.startsWith("/") ? path : "/" + path)));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new IllegalStateException("HTTP request to the engine failed: " + ex.getMessage(), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    /** Leaves the engine. */
    @Override
    public void close() {
        worker.shutdown(Duration.ofSeconds(2));
    }
}
