package dev.iii.spring.endpoint;

import java.util.ArrayList;
import java.util.List;

import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;

/**
 * Collects the function catalog before it is validated and frozen: the {@code @IIIFunction} methods found on
 * beans, then whatever {@link dev.iii.spring.annotation.IIIFunctionConfigurer}s add. Configurers may also set
 * the handler-method factory that binds every function's arguments; without one, an
 * {@link IIIMessageHandlerMethodFactory} on the application's {@code JsonMapper} and {@code Validator} does.
 */
public class FunctionEndpointRegistrar {

    private final List<FunctionEndpoint> endpoints = new ArrayList<>();
    private MessageHandlerMethodFactory messageHandlerMethodFactory;

    /** Adds a function to the catalog. */
    public void registerEndpoint(FunctionEndpoint endpoint) {
        endpoints.add(endpoint);
    }

    /** The functions registered so far, in registration order. */
    public List<FunctionEndpoint> getEndpoints() {
        return List.copyOf(endpoints);
    }

    /**
     * Binds the arguments of every function with this factory instead of the default one. A factory of another
     * type than {@link IIIMessageHandlerMethodFactory} must bind the payload (the message's JSON tree) itself.
     */
    public void setMessageHandlerMethodFactory(MessageHandlerMethodFactory messageHandlerMethodFactory) {
        this.messageHandlerMethodFactory = messageHandlerMethodFactory;
    }

    /** The factory a configurer set, or {@code null} for the default. */
    public MessageHandlerMethodFactory getMessageHandlerMethodFactory() {
        return messageHandlerMethodFactory;
    }
}
