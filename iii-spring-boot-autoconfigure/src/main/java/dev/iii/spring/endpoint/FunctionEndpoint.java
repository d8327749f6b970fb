package dev.iii.spring.endpoint;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import dev.iii.sdk.trigger.TriggerRequest;

/**
 * One {@code @IIIFunction} method as collected from its bean, placeholders resolved.
 *
 * @param beanName        name of the bean that declares it
 * @param bean            the bean (possibly a proxy)
 * @param method          the method to invoke on {@code bean}
 * @param functionId      function id
 * @param description     description, or {@code null}
 * @param metadata        registration metadata
 * @param generateSchemas whether to send generated JSON Schemas
 * @param triggers        bindings of this function
 */
public record FunctionEndpoint(String beanName, Object bean, Method method, String functionId, String description,
        Map<String, String> metadata, boolean generateSchemas, List<TriggerRequest> triggers) {

    /** {@code bean.method(ParamType, ...)}, for messages. */
    public String describe() {
        StringBuilder text = new StringBuilder(beanName).append('.').append(method.getName()).append('(');
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            text.append(i > 0 ? ", " : "").append(types[i].getSimpleName());
        }
        return text.append(')').toString();
    }
}
