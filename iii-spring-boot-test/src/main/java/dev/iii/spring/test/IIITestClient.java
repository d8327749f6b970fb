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
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.sdk.CallOptions;
import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.InvocationException;
import dev.iii.sdk.WorkerOptions;
import dev.iii.sdk.discovery.FunctionInfo;
import dev.iii.sdk.function.FunctionHandler;
import dev.iii.sdk.function.FunctionRegistration;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/**
 * A second worker on the test's engine, standing in for the rest of the system: it calls the application's
 * functions and reports their results or errors, waits until functions are registered, sends real HTTP
 * requests to the engine's {@code http} triggers, and serves stub functions the application calls.
 * Calls block, within a timeout (10 s unless set), so tests read top to bottom.
 */
public class IIITestClient implements AutoCloseable {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final EmbeddedEngine engine;
    private final IIIWorker worker;
    private final HttpClient http = HttpClient.newHttpClient();
    private volatile Duration timeout = DEFAULT_TIMEOUT;

    /** A client joined to {@code engine}, connecting in the background. */
    public IIITestClient(EmbeddedEngine engine) {
        this.engine = engine;
        this.worker = IIIWorker.create(WorkerOptions.builder().url(engine.url())
                .name("iii-test-client-" + UUID.randomUUID().toString().substring(0, 8)).build());
        this.worker.start();
    }

    /** The engine the client is joined to (its {@code httpUrl()} serves the {@code http} triggers). */
    public EmbeddedEngine engine() {
        return engine;
    }

    /** The client's own worker, for anything this class does not wrap. */
    public IIIWorker worker() {
        return worker;
    }

    /** Changes how long calls and waits may take. */
    public IIITestClient withTimeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** Calls a function and returns its result bound to {@code resultType}; a failed call throws. */
    public <T> T call(String functionId, Object payload, Class<T> resultType) {
        try {
            return worker.call(functionId, payload, resultType, CallOptions.defaults().withTimeout(timeout)).join();
        }
        catch (CompletionException ex) {
            throw ex.getCause() instanceof InvocationException invocation ? invocation : ex;
        }
    }

    /** Calls a function and returns its result as a JSON tree ({@code null} for no value). */
    public JsonNode call(String functionId, Object payload) {
        return call(functionId, payload, JsonNode.class);
    }

    /**
     * Calls a function that is expected to fail and returns its error, to assert on the code.
     *
     * @throws AssertionError when the call succeeded
     */
    public InvocationException callExpectingError(String functionId, Object payload) {
        JsonNode result;
        try {
            result = call(functionId, payload);
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
        List<FunctionInfo> functions = worker.listFunctions().join();
        return functions.stream().map(FunctionInfo::functionId).collect(Collectors.toSet());
    }

    /**
     * Serves a function the application under test calls, in place of the real worker; its result or
     * exception is what the application receives. Returns once the engine has it registered.
     */
    public FunctionRegistration stubFunction(String functionId, FunctionHandler handler) {
        FunctionRegistration registration = worker.registerFunction(functionId, handler);
        awaitFunctions(functionId);
        return registration;
    }

    /** Sends {@code GET <engine http url><path>} to the engine's {@code http} triggers. */
    public HttpResponse<String> httpGet(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** Sends {@code POST} with a JSON body to the engine's {@code http} triggers. */
    public HttpResponse<String> httpPost(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private URI uri(String path) {
        return URI.create(engine.httpUrl() + (path.startsWith("/") ? path : "/" + path));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
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
