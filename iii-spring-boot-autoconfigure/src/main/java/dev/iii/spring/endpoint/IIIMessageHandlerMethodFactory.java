package dev.iii.spring.endpoint;

import java.util.List;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.validation.Validator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The handler-method factory of {@code @IIIFunction} methods: spring-messaging's default factory with the
 * iii resolvers inserted before its catch-all payload resolver. A function's payload (the invocation's JSON
 * tree) is bound to the parameter's declared generic type with the given mapper, and validated when the
 * parameter is annotated {@code @Valid} or {@code @Validated} and a validator is set; an
 * {@code InvocationContext} parameter receives the context, an {@code @IIIMetadata} parameter the metadata.
 * Resolvers added with {@link #setCustomArgumentResolvers} are asked before the iii ones; they find the
 * context in the message header {@link FunctionMethodInvoker#CONTEXT_HEADER}.
 * <p>
 * Create one, change it, and hand it to
 * {@link FunctionEndpointRegistrar#setMessageHandlerMethodFactory} to bind extra parameter types.
 */
public class IIIMessageHandlerMethodFactory extends DefaultMessageHandlerMethodFactory {

    private final JsonMapper mapper;
    private Validator validator;
    private JsonPayloadArgumentResolver payloadResolver;
    private List<HandlerMethodArgumentResolver> resolvers = List.of();

    public IIIMessageHandlerMethodFactory(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void setValidator(Validator validator) {
        super.setValidator(validator);
        this.validator = validator;
    }

    @Override
    protected List<HandlerMethodArgumentResolver> initArgumentResolvers() {
        List<HandlerMethodArgumentResolver> all = super.initArgumentResolvers();
        payloadResolver = new JsonPayloadArgumentResolver(mapper, validator);
        // Before the catch-all payload resolver, which would convert the tree with a message converter.
        all.addAll(all.size() - 1,
                List.of(new InvocationContextArgumentResolver(), new MetadataArgumentResolver(mapper), payloadResolver));
        resolvers = List.copyOf(all);
        return all;
    }

    /** Whether {@code parameter} receives the payload: the first resolver that takes it is the payload's. */
    boolean isPayload(MethodParameter parameter) {
        for (HandlerMethodArgumentResolver resolver : resolvers) {
            if (resolver.supportsParameter(parameter)) {
                return resolver == payloadResolver;
            }
        }
        return false;
    }
}
