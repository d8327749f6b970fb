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

/**
 * Binds the payload (a JSON tree) to the parameter's declared generic type with the application's Jackson
 * mapper: records, POJOs, {@code JsonNode}, maps, lists. It never guesses: a payload that does not bind is
 * an {@code invalid_request} error naming the function, the method, the parameter and the JSON path.
 */
final class JsonPayloadArgumentResolver implements HandlerMethodArgumentResolver {

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
        try {
            return mapper.treeToValue(payload, type);
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
