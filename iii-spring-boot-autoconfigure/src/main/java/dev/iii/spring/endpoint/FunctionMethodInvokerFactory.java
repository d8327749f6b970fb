package dev.iii.spring.endpoint;

import java.lang.reflect.Method;
import java.util.List;

import dev.iii.sdk.function.InvocationContext;
import dev.iii.spring.annotation.IIIMetadata;
import dev.iii.spring.observation.InvocationObservationConvention;
import dev.iii.spring.schema.FunctionSchemaGenerator;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the {@link FunctionMethodInvoker} of each endpoint on spring-messaging's handler-method
 * machinery: each invocation becomes a message whose payload is the JSON tree, and our resolvers, placed
 * before the catch-all, bind the payload, the metadata and the context by the parameter's declared type.
 */
public class FunctionMethodInvokerFactory {

    private final DefaultMessageHandlerMethodFactory methods = new DefaultMessageHandlerMethodFactory();
    private final FunctionSchemaGenerator schemas;
    private final ObservationRegistry observations;
    private final InvocationObservationConvention convention;

    public FunctionMethodInvokerFactory(JsonMapper mapper, FunctionSchemaGenerator schemas,
            ObservationRegistry observations, InvocationObservationConvention convention) {
        this.schemas = schemas;
        this.observations = observations;
        this.convention = convention;
        methods.setCustomArgumentResolvers(List.of(new InvocationContextArgumentResolver(),
                new MetadataArgumentResolver(mapper), new JsonPayloadArgumentResolver(mapper)));
        methods.afterPropertiesSet();
    }

    /**
     * @throws IllegalArgumentException naming bean and method when the method cannot be served
     */
    public FunctionMethodInvoker create(FunctionEndpoint endpoint) {
        Method method = endpoint.method();
        MethodParameter payload = null;
        for (int i = 0; i < method.getParameterCount(); i++) {
            MethodParameter parameter = new MethodParameter(method, i);
            if (isPayload(parameter)) {
                if (payload != null) {
                    throw new IllegalArgumentException(endpoint.describe() + " for '" + endpoint.functionId()
                            + "' has two payload parameters ('" + name(payload) + "' and '" + name(parameter)
                            + "'); a function takes one payload: annotate extra parameters with @IIIMetadata, "
                            + "or take an InvocationContext");
                }
                payload = parameter;
            }
        }
        InvocableHandlerMethod handlerMethod = methods.createInvocableHandlerMethod(endpoint.bean(), method);
        Object requestSchema = endpoint.generateSchemas() && payload != null
                ? schemas.schemaOf(payload.getGenericParameterType()) : null;
        Object responseSchema = endpoint.generateSchemas() ? schemas.schemaOfResult(method.getGenericReturnType()) : null;
        return new FunctionMethodInvoker(endpoint, handlerMethod, requestSchema, responseSchema, observations, convention);
    }

    static boolean isPayload(MethodParameter parameter) {
        return parameter.getParameterType() != InvocationContext.class
                && !parameter.hasParameterAnnotation(IIIMetadata.class)
                && !parameter.hasParameterAnnotation(Header.class) && !parameter.hasParameterAnnotation(Headers.class);
    }

    private static String name(MethodParameter parameter) {
        String name = parameter.getParameterName();
        return name != null ? name : "arg" + parameter.getParameterIndex();
    }
}
