package dev.iii.spring.endpoint;

import java.util.Map;
import java.util.concurrent.CompletionStage;

import dev.iii.sdk.function.InvocationContext;
import dev.iii.spring.observation.IIIObservationDocumentation;
import dev.iii.spring.observation.InvocationObservationContext;
import dev.iii.spring.observation.InvocationObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.messaging.support.GenericMessage;
import tools.jackson.databind.JsonNode;

/**
 * Serves one {@code @IIIFunction} method: wraps the invocation as a message, invokes the method through
 * spring-messaging, and observes it (a timer and a span continuing the caller's trace, when Micrometer is
 * set up).
 */
public final class FunctionMethodInvoker {

    /** Message header carrying the {@link InvocationContext}. */
    static final String CONTEXT_HEADER = "iii_invocation_context";

    private final FunctionEndpoint endpoint;
    private final InvocableHandlerMethod handlerMethod;
    private final Object requestSchema;
    private final Object responseSchema;
    private final ObservationRegistry observations;
    private final InvocationObservationConvention convention;

    FunctionMethodInvoker(FunctionEndpoint endpoint, InvocableHandlerMethod handlerMethod, Object requestSchema,
            Object responseSchema, ObservationRegistry observations, InvocationObservationConvention convention) {
        this.endpoint = endpoint;
        this.handlerMethod = handlerMethod;
        this.requestSchema = requestSchema;
        this.responseSchema = responseSchema;
        this.observations = observations;
        this.convention = convention;
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
            result = handlerMethod.invoke(message);
        }
        catch (Exception | Error ex) {
            observation.error(ex);
            observation.stop();
            throw ex;
        }
        if (result instanceof CompletionStage<?> stage) {
            return stage.whenComplete((value, error) -> {
                if (error != null) {
                    observation.error(error);
                }
                observation.stop();
            });
        }
        observation.stop();
        return result;
    }
}
