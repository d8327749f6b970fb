package dev.iii.spring.annotation;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.iii.sdk.trigger.TriggerRequest;
import dev.iii.spring.endpoint.FunctionEndpoint;
import dev.iii.spring.endpoint.FunctionEndpointRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.StringUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Finds {@link IIIFunction} methods on every initialized bean and collects them as
 * {@link FunctionEndpoint}s. It only collects: once all singletons exist, the catalog is handed to the
 * {@link FunctionEndpointRegistry}, which validates and freezes it. Nothing here touches the network.
 * Collaborators are looked up lazily, so this post-processor has no constructor dependencies.
 */
public class IIIAnnotationBeanPostProcessor
        implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton, Ordered {

    private static final Log log = LogFactory.getLog(IIIAnnotationBeanPostProcessor.class);

    /** Parses {@link IIITrigger#configJson()} only: a literal in an annotation, not the application's data. */
    private static final JsonMapper CONFIG_JSON = JsonMapper.builder().build();

    private final Set<Class<?>> classesWithoutFunctions = Collections.newSetFromMap(new ConcurrentHashMap<>());
    private final List<FunctionEndpoint> endpoints = Collections.synchronizedList(new ArrayList<>());
    private BeanFactory beanFactory;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        Class<?> targetClass = AopUtils.getTargetClass(bean);
        if (classesWithoutFunctions.contains(targetClass)) {
            return bean;
        }
        Map<Method, IIIFunction> annotated = MethodIntrospector.selectMethods(targetClass,
                (MethodIntrospector.MetadataLookup<IIIFunction>) method -> AnnotatedElementUtils
                        .findMergedAnnotation(method, IIIFunction.class));
        if (annotated.isEmpty()) {
            classesWithoutFunctions.add(targetClass);
            return bean;
        }
        annotated.forEach((method, function) -> endpoints.add(endpoint(bean, beanName, method, function)));
        return bean;
    }

    private FunctionEndpoint endpoint(Object bean, String beanName, Method method, IIIFunction function) {
        String where = beanName + "." + method.getName();
        Method invocable;
        try {
            invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
        }
        catch (IllegalStateException ex) {
            throw new BeanInitializationException("@IIIFunction method " + where + " cannot be called through the "
                    + "bean's proxy: declare it on an interface the proxy implements, or proxy the target class "
                    + "(proxyTargetClass = true)", ex);
        }
        String id = resolve(function.id());
        if (!StringUtils.hasText(id)) {
            throw new BeanInitializationException("@IIIFunction on " + where + " has a blank id");
        }
        List<TriggerRequest> triggers = new ArrayList<>();
        for (IIITrigger trigger : AnnotatedElementUtils.findMergedRepeatableAnnotations(method, IIITrigger.class)) {
            triggers.add(trigger(trigger, id, where));
        }
        String description = resolve(function.description());
        return new FunctionEndpoint(beanName, bean, invocable, id, StringUtils.hasText(description) ? description : null,
                pairs(function.metadata(), "metadata", where), function.generateSchemas(), List.copyOf(triggers));
    }

    private TriggerRequest trigger(IIITrigger trigger, String functionId, String where) {
        String type = resolve(trigger.type());
        if (!StringUtils.hasText(type)) {
            throw new BeanInitializationException("@IIITrigger on " + where + " has a blank type");
        }
        ObjectNode config = CONFIG_JSON.createObjectNode();
        pairs(trigger.config(), "config", where).forEach(config::put);
        String json = resolve(trigger.configJson());
        if (StringUtils.hasText(json)) {
            JsonNode parsed;
            try {
                parsed = CONFIG_JSON.readTree(json);
            }
            catch (JacksonException ex) {
                throw new BeanInitializationException("@IIITrigger(type = \"" + type + "\") on " + where
                        + " has a configJson that is not JSON: " + ex.getOriginalMessage(), ex);
            }
            if (!(parsed instanceof ObjectNode object)) {
                throw new BeanInitializationException("@IIITrigger(type = \"" + type + "\") on " + where
                        + " has a configJson that is not a JSON object");
            }
            config.setAll(object);
        }
        Map<String, String> metadata = pairs(trigger.metadata(), "metadata", where);
        String namespace = resolve(trigger.namespace());
        String triggerNamespace = resolve(trigger.triggerNamespace());
        return new TriggerRequest(type, functionId, config, metadata.isEmpty() ? null : metadata,
                StringUtils.hasText(namespace) ? namespace : null,
                StringUtils.hasText(triggerNamespace) ? triggerNamespace : null);
    }

    private Map<String, String> pairs(String[] entries, String attribute, String where) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String entry : entries) {
            String resolved = resolve(entry);
            int equals = resolved.indexOf('=');
            if (equals <= 0) {
                throw new BeanInitializationException(attribute + " entry '" + entry + "' on " + where
                        + " is not of the form key=value");
            }
            pairs.put(resolved.substring(0, equals).trim(), resolved.substring(equals + 1));
        }
        return pairs;
    }

    private String resolve(String value) {
        if (beanFactory instanceof ConfigurableBeanFactory configurable && value != null) {
            return configurable.resolveEmbeddedValue(value);
        }
        return value;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<FunctionEndpoint> collected;
        synchronized (endpoints) {
            collected = List.copyOf(endpoints);
        }
        beanFactory.getBean(FunctionEndpointRegistry.class).freeze(collected);
        if (log.isDebugEnabled()) {
            log.debug("Collected " + collected.size() + " @IIIFunction method(s)");
        }
    }
}
