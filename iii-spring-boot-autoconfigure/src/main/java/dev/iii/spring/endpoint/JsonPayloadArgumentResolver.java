package dev.iii.spring.endpoint;

import dev.iii.sdk.InvocationException;
import dev.iii.sdk.function.InvocationContext;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Binds the payload (a JSON tree) to the parameter's declared generic type with the application's Jackson
 * mapper: records, POJOs, {@code JsonNode}, maps, lists. It never guesses: a payload that does not bind is
 * an {@code invalid_request} error naming the function, the method, the parameter and the JSON path.
 */
final class JsonPayloadArgumentResolver implements HandlerMethodArgumentResolver {

    /** Added by the engine to object payloads of worker calls; it is in the context, not the payload type. */
    private static final String CALLER_WORKER_ID = "_caller_worker_id";

    private final JsonMapper mapper;

    JsonPayloadArgumentResolver(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return FunctionMethodInvokerFactory.isPayload(parameter);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, Message<?> message) {
        JsonNode payload = (JsonNode) message.getPayload();
        JavaType type = mapper.constructType(parameter.getGenericParameterType());
        if (type.isTypeOrSuperTypeOf(payload.getClass())) {
            return payload;
        }
        JsonNode bindable = payload;
        if (payload instanceof ObjectNode object && object.has(CALLER_WORKER_ID)) {
            bindable = object.deepCopy();
            ((ObjectNode) bindable).remove(CALLER_WORKER_ID);
        }
        try {
            return mapper.treeToValue(bindable, type);
        }
        catch (JacksonException ex) {
            InvocationContext context = (InvocationContext) message.getHeaders().get(FunctionMethodInvoker.CONTEXT_HEADER);
            String function = context != null ? context.functionId() : "the function";
            throw InvocationException.invalidRequest(function, "parameter '" + parameter.getParameterName() + "' ("
                    + type.getRawClass().getSimpleName() + ") of " + parameter.getDeclaringClass().getSimpleName() + "."
                    + parameter.getExecutable().getName(), ex);
        }
    }
}
