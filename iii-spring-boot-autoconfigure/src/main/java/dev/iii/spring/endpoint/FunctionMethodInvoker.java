package dev.iii.spring.endpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import dev.iii.sdk.InvocationException;
import dev.iii.sdk.builtin.HttpTriggerResponse;
import dev.iii.sdk.function.InvocationContext;
import dev.iii.spring.http.HttpResponseStreams;
import dev.iii.spring.observation.IIIObservationDocumentation;
import dev.iii.spring.observation.InvocationObservationContext;
import dev.iii.spring.observation.InvocationObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.messaging.support.GenericMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves one function: wraps the invocation as a message, invokes the method through spring-messaging, hands
 * what it throws to the {@code @IIIExceptionHandler}s (the bean's own, then the advice beans'), and observes
 * it all (a timer and a span continuing the caller's trace, when Micrometer is set up). A function behind an
 * {@code http} trigger answers a payload it cannot take with 400 instead of an error.
 */
public final class FunctionMethodInvoker {

    /**
     * Message header carrying the {@link InvocationContext}, for argument resolvers of one's own (see
     * {@link IIIMessageHandlerMethodFactory}).
     */
    public static final String CONTEXT_HEADER = "iii_invocation_context";

    private static final int BAD_REQUEST = 400;

    private final FunctionEndpoint endpoint;
    private final InvocableHandlerMethod handlerMethod;
    private final List<ExceptionHandlerMethods> exceptionHandlers;
    private final boolean httpRequest;
    private final Object requestSchema;
    private final Object responseSchema;
    private final ObservationRegistry observations;
    private final InvocationObservationConvention convention;
    private final JsonMapper mapper;

    FunctionMethodInvoker(FunctionEndpoint endpoint, InvocableHandlerMethod handlerMethod,
            List<ExceptionHandlerMethods> exceptionHandlers, boolean httpRequest, Object requestSchema,
            Object responseSchema, ObservationRegistry observations, InvocationObservationConvention convention,
            JsonMapper mapper) {
        this.endpoint = endpoint;
        this.handlerMethod = handlerMethod;
        this.exceptionHandlers = List.copyOf(exceptionHandlers);
        this.httpRequest = httpRequest;
        this.requestSchema = requestSchema;
        this.responseSchema = responseSchema;
        this.observations = observations;
        this.convention = convention;
        this.mapper = mapper;
    }

    public FunctionEndpoint endpoint() {
        return endpoint;
    }

    /** JSON Schema of the payload, or {@code null}. */
    public Object requestSchema() {
        return requestSchema;
    }

    /** JSON Schema of the result, or {@code null}. */
    public Object responseSchema() {
        return responseSchema;
    }

    /** Invokes the method for one invocation; the value or stage it returns is the result. */
    public Object invoke(JsonNode payload, InvocationContext context) throws Exception {
        InvocationObservationContext observationContext = new InvocationObservationContext(context);
        Observation observation = IIIObservationDocumentation.INVOCATION.observation(convention,
                IIIObservationDocumentation.DefaultConventions.INVOCATION, () -> observationContext, observations);
        observation.start();
        Message<JsonNode> message = new GenericMessage<>(payload, Map.of(CONTEXT_HEADER, context));
        Object result;
        try (Observation.Scope scope = observation.openScope()) {
            try {
                result = handlerMethod.invoke(message);
            }
            catch (Exception ex) {
                result = handle(ex, message);
            }
            if (HttpResponseStreams.isStreamed(result)) {
                result = HttpResponseStreams.stream(result, payload, context, mapper);
                if (result instanceof CompletableFuture<?> stream) {
                    return observedStream(stream, observation);
                }
            }
        }
        catch (Exception | Error ex) {
            observation.error(ex);
            observation.stop();
            throw ex;
        }
        if (result instanceof CompletionStage<?> stage) {
            return stage.handle((value, error) -> error == null ? value : handleAsync(error, message))
                    .whenComplete((value, error) -> {
                        if (error != null) {
                            observation.error(error);
                        }
                        observation.stop();
                    });
        }
        observation.stop();
        return result;
    }

    /**
     * An event stream as the invocation's stage: the invocation lasts as long as the stream, and cancelling the
     * stage (the function's timeout) ends the stream.
     */
    private static CompletableFuture<Object> observedStream(CompletableFuture<?> stream, Observation observation) {
        CompletableFuture<Object> stage = new CompletableFuture<>();
        stream.whenComplete((value, error) -> {
            if (error != null) {
                observation.error(error);
                stage.completeExceptionally(error);
            }
            else {
                stage.complete(null);
            }
            observation.stop();
        });
        stage.whenComplete((value, error) -> {
            if (stage.isCancelled()) {
                stream.cancel(true);
            }
        });
        return stage;
    }

    private Object handleAsync(Throwable error, Message<JsonNode> message) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (!(cause instanceof Exception exception)) {
            throw new CompletionException(cause);
        }
        try {
            return handle(exception, message);
        }
        catch (Exception ex) {
            throw ex instanceof RuntimeException runtime ? runtime : new CompletionException(ex);
        }
    }

    /**
     * What the caller gets for a failure: a payload an {@code http} function cannot take is a 400 (its message
     * must not reach an HTTP caller, whatever a broad handler would make of it); otherwise the first exception
     * handler that takes it decides (a returned {@link InvocationException} is the error, anything else the
     * result); otherwise the failure itself.
     */
    private Object handle(Exception failure, Message<JsonNode> message) throws Exception {
        if (httpRequest && failure instanceof InvalidPayloadException invalid) {
            return badRequest(invalid);
        }
        for (ExceptionHandlerMethods handlers : exceptionHandlers) {
            InvocableHandlerMethod handler = handlers.find(failure);
            if (handler != null) {
                Object outcome = handlers.invoke(handler, failure, message);
                if (outcome instanceof InvocationException error) {
                    throw error;
                }
                return outcome;
            }
        }
        throw failure;
    }

    /** The engine's error envelope, with the problems by path within the request body. */
    private static HttpTriggerResponse badRequest(InvalidPayloadException invalid) {
        List<Map<String, String>> violations = invalid.getViolations().stream().map(violation -> {
            String path = violation.path();
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("path", path.startsWith("$.body") ? "$" + path.substring("$.body".length()) : path);
            entry.put("message", violation.message());
            return entry;
        }).toList();
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", invalid.getCode());
        error.put("message", invalid.getPublicMessage());
        error.put("violations", violations);
        return HttpTriggerResponse.status(BAD_REQUEST, Map.of("error", error));
    }
}
