package dev.iii.spring.endpoint;

import dev.iii.sdk.function.InvocationContext;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;

/** Resolves {@link InvocationContext} parameters. */
final class InvocationContextArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == InvocationContext.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, Message<?> message) {
        return message.getHeaders().get(FunctionMethodInvoker.CONTEXT_HEADER);
    }
}
