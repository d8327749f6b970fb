package dev.iii.spring.endpoint;

import dev.iii.sdk.ErrorCode;
import dev.iii.sdk.InvocationException;
import dev.iii.sdk.function.InvocationContext;
import dev.iii.spring.annotation.IIIMetadata;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Resolves {@link IIIMetadata} parameters from the invocation's metadata, by the parameter's declared type. */
final class MetadataArgumentResolver implements HandlerMethodArgumentResolver {

    private final JsonMapper mapper;

    MetadataArgumentResolver(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(IIIMetadata.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, Message<?> message) {
        InvocationContext context = (InvocationContext) message.getHeaders().get(FunctionMethodInvoker.CONTEXT_HEADER);
        JsonNode metadata = context == null ? null : context.metadata();
        if (metadata == null) {
            return null;
        }
        try {
            return mapper.treeToValue(metadata, mapper.constructType(parameter.getGenericParameterType()));
        }
        catch (JacksonException ex) {
            throw new InvocationException(ErrorCode.INVALID_REQUEST, "Metadata of " + context.functionId()
                    + " does not bind to parameter '" + parameter.getParameterName() + "' ("
                    + parameter.getParameterType().getSimpleName() + "): " + ex.getOriginalMessage(), ex);
        }
    }
}
