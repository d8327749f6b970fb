package dev.iii.spring.endpoint;

import java.lang.annotation.Annotation;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.iii.sdk.builtin.HttpTriggerRequest;
import dev.iii.sdk.channel.ChannelOpener;
import dev.iii.sdk.function.InvocationContext;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.validation.BindingResult;
import org.springframework.validation.MapBindingResult;
import org.springframework.validation.SmartValidator;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.ValidationAnnotationUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binds the payload (a JSON tree) to the parameter's declared generic type with the application's Jackson
 * mapper: records, POJOs, {@code JsonNode}, maps, lists, and data channel refs as live
 * {@code ChannelReader}/{@code ChannelWriter} ends (the invocation's {@code channels()}). It never guesses: a payload that does not bind, an
 * {@code HttpTriggerRequest<T>} without the body it needs, and a {@code @Valid} payload that breaks its
 * constraints are an {@link InvalidPayloadException}.
 */
final class JsonPayloadArgumentResolver implements HandlerMethodArgumentResolver {

    private final JsonMapper mapper;
    private final Validator validator;
    /** One reader per payload parameter, made on its first invocation: the application's functions are a fixed set. */
    private final Map<MethodParameter, ObjectReader> readers = new ConcurrentHashMap<>();

    JsonPayloadArgumentResolver(JsonMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return FunctionMethodInvokerFactory.isPayloadByDefault(parameter);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, Message<?> message) {
        JsonNode payload = (JsonNode) message.getPayload();
        InvocationContext context = (InvocationContext) message.getHeaders().get(FunctionMethodInvoker.CONTEXT_HEADER);
        String function = context != null ? context.functionId() : "the function";
        ObjectReader reader = readers.computeIfAbsent(parameter,
                p -> mapper.readerFor(mapper.constructType(p.getGenericParameterType())));
        JavaType type = reader.getValueType();
        Object value = type.isTypeOrSuperTypeOf(payload.getClass()) ? payload
                : bind(payload, reader, function, parameter, context != null ? context.channels() : null);
        Object validated = value;
        if (value instanceof HttpTriggerRequest<?> request) {
            JavaType bodyType = type.containedTypeOrUnknown(0);
            if (request.body() == null && bodyType.getRawClass() != Void.class) {
                throw InvalidPayloadException.missingHttpBody(function);
            }
            validated = request.body();
        }
        validate(validated, parameter, function);
        return value;
    }

    /** Binds the tree; channel refs become ends of the invocation's worker ({@code channels}). */
    private Object bind(JsonNode payload, ObjectReader reader, String function, MethodParameter parameter,
            ChannelOpener channels) {
        try {
            return (channels != null ? channels.bindingRefs(reader) : reader).readValue(payload);
        }
        catch (JacksonException ex) {
            throw InvalidPayloadException.notBindable(function, parameter, reader.getValueType(), ex);
        }
    }

    private void validate(Object target, MethodParameter parameter, String function) {
        if (validator == null || target == null || !validator.supports(target.getClass())) {
            return;
        }
        for (Annotation annotation : parameter.getParameterAnnotations()) {
            Object[] hints = ValidationAnnotationUtils.determineValidationHints(annotation);
            if (hints != null) {
                // No bean wrapper: rejected values are not reported, and records need no getters.
                BindingResult errors = new MapBindingResult(new HashMap<>(), parameter.getParameterName());
                if (hints.length > 0 && validator instanceof SmartValidator smart) {
                    smart.validate(target, errors, hints);
                }
                else {
                    validator.validate(target, errors);
                }
                if (errors.hasErrors()) {
                    throw InvalidPayloadException.constraintsViolated(function, errors);
                }
                return;
            }
        }
    }
}
