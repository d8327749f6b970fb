package dev.iii.spring.endpoint;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.iii.sdk.builtin.HttpTriggerRequest;
import dev.iii.sdk.function.InvocationContext;
import dev.iii.spring.annotation.IIIMetadata;
import dev.iii.spring.observation.InvocationObservationConvention;
import dev.iii.spring.schema.FunctionSchemaGenerator;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the catalog's endpoints into {@link FunctionMethodInvoker}s on spring-messaging's handler-method
 * machinery, and checks them: duplicate function ids, methods with two payload parameters and malformed
 * exception handlers fail start-up with one message naming every problem, bean and method.
 */
public class FunctionMethodInvokerFactory {

    private final MessageHandlerMethodFactory methods;
    private final FunctionSchemaGenerator schemas;
    private final ObservationRegistry observations;
    private final InvocationObservationConvention convention;
    private final JsonMapper mapper;

    /**
     * With a default mapper for the data of server-sent events.
     *
     * @param methods      binds each function's arguments
     * @param schemas      generates the payload and result schemas
     * @param observations observes each invocation
     * @param convention   names and tags of those observations
     */
    public FunctionMethodInvokerFactory(MessageHandlerMethodFactory methods, FunctionSchemaGenerator schemas,
            ObservationRegistry observations, InvocationObservationConvention convention) {
        this(methods, schemas, observations, convention, JsonMapper.builder().build());
    }

    /**
     * @param methods      binds each function's arguments
     * @param schemas      generates the payload and result schemas
     * @param observations observes each invocation
     * @param convention   names and tags of those observations
     * @param mapper       writes the data of server-sent events (the application's mapper)
     */
    public FunctionMethodInvokerFactory(MessageHandlerMethodFactory methods, FunctionSchemaGenerator schemas,
            ObservationRegistry observations, InvocationObservationConvention convention, JsonMapper mapper) {
        this.methods = methods;
        this.schemas = schemas;
        this.observations = observations;
        this.convention = convention;
        this.mapper = mapper;
    }

    /**
     * Builds the invokers of a catalog.
     *
     * @param endpoints   the functions, in catalog order
     * @param adviceBeans {@code @IIIAdvice} beans by name, in the order they are tried
     * @throws BeanInitializationException naming every problem found
     */
    public List<FunctionMethodInvoker> createAll(List<FunctionEndpoint> endpoints, Map<String, Object> adviceBeans) {
        List<String> problems = new ArrayList<>();
        List<ExceptionHandlerMethods> advice = new ArrayList<>();
        adviceBeans.forEach((name, bean) -> {
            ExceptionHandlerMethods handlers = ExceptionHandlerMethods.of(bean, name, methods, problems);
            if (handlers != null) {
                advice.add(handlers);
            }
        });
        Map<Object, ExceptionHandlerMethods> ownHandlers = new IdentityHashMap<>();
        Map<String, FunctionEndpoint> byId = new LinkedHashMap<>();
        List<FunctionMethodInvoker> invokers = new ArrayList<>();
        for (FunctionEndpoint endpoint : endpoints) {
            FunctionEndpoint other = byId.putIfAbsent(endpoint.functionId(), endpoint);
            if (other != null) {
                problems.add("function id '" + endpoint.functionId() + "' is declared twice: on " + other.describe()
                        + " and on " + endpoint.describe());
                continue;
            }
            List<ExceptionHandlerMethods> handlers = new ArrayList<>();
            ExceptionHandlerMethods own = ownHandlers.computeIfAbsent(endpoint.bean(),
                    bean -> ExceptionHandlerMethods.of(bean, endpoint.beanName(), methods, problems));
            if (own != null) {
                handlers.add(own);
            }
            handlers.addAll(advice);
            FunctionMethodInvoker invoker = create(endpoint, handlers, problems);
            if (invoker != null) {
                invokers.add(invoker);
            }
        }
        if (!problems.isEmpty()) {
            throw new BeanInitializationException("Invalid iii functions:\n - " + String.join("\n - ", problems));
        }
        return invokers;
    }

    private FunctionMethodInvoker create(FunctionEndpoint endpoint, List<ExceptionHandlerMethods> handlers,
            List<String> problems) {
        Method method = endpoint.method();
        MethodParameter payload = null;
        for (int i = 0; i < method.getParameterCount(); i++) {
            MethodParameter parameter = new MethodParameter(method, i);
            if (isPayload(parameter)) {
                if (payload != null) {
                    problems.add(endpoint.describe() + " for '" + endpoint.functionId() + "' has two payload parameters ('"
                            + name(payload) + "' and '" + name(parameter) + "'); a function takes one payload: "
                            + "annotate extra parameters with @IIIMetadata, or take an InvocationContext");
                    return null;
                }
                payload = parameter;
            }
        }
        InvocableHandlerMethod handlerMethod = methods.createInvocableHandlerMethod(endpoint.bean(), method);
        boolean httpRequest = payload != null && payload.getParameterType() == HttpTriggerRequest.class;
        Object requestSchema = endpoint.generateSchemas()
                ? schemas.schemaOfRequest(payload == null ? null : payload.getGenericParameterType()) : null;
        Object responseSchema = endpoint.generateSchemas() ? schemas.schemaOfResult(method.getGenericReturnType()) : null;
        return new FunctionMethodInvoker(endpoint, handlerMethod, handlers, httpRequest, requestSchema, responseSchema,
                observations, convention, mapper);
    }

    private boolean isPayload(MethodParameter parameter) {
        return methods instanceof IIIMessageHandlerMethodFactory iii ? iii.isPayload(parameter)
                : isPayloadByDefault(parameter);
    }

    /** The payload parameter unless another iii resolver, or a spring-messaging header resolver, takes it. */
    static boolean isPayloadByDefault(MethodParameter parameter) {
        return parameter.getParameterType() != InvocationContext.class
                && !parameter.hasParameterAnnotation(IIIMetadata.class)
                && !parameter.hasParameterAnnotation(Header.class) && !parameter.hasParameterAnnotation(Headers.class);
    }

    private static String name(MethodParameter parameter) {
        String name = parameter.getParameterName();
        return name != null ? name : "arg" + parameter.getParameterIndex();
    }
}
