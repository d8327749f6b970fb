package dev.iii.spring.annotation;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.iii.spring.endpoint.FunctionEndpoint;
import dev.iii.spring.endpoint.FunctionEndpointRegistrar;
import dev.iii.spring.endpoint.FunctionEndpointRegistry;
import dev.iii.spring.endpoint.FunctionMethodInvoker;
import dev.iii.spring.endpoint.FunctionMethodInvokerFactory;
import dev.iii.spring.endpoint.IIIMessageHandlerMethodFactory;
import dev.iii.spring.observation.IIIObservationDocumentation;
import dev.iii.spring.observation.InvocationObservationConvention;
import dev.iii.spring.schema.FunctionSchemaGenerator;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.util.StringUtils;
import org.springframework.validation.Validator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds {@link IIIFunction} methods on every initialized bean and collects them as
 * {@link FunctionEndpoint}s. It only collects: once all singletons exist, it builds the catalog (configurers,
 * handler-method factory, exception handlers), validates it and freezes it in the
 * {@link FunctionEndpointRegistry}. Nothing here touches the network. Collaborators are looked up lazily, so
 * this post-processor has no constructor dependencies.
 */
public class IIIAnnotationBeanPostProcessor
        implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton, Ordered {

    private static final Log log = LogFactory.getLog(IIIAnnotationBeanPostProcessor.class);

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
        TriggerAnnotations triggers = new TriggerAnnotations(this::resolve);
        String description = resolve(function.description());
        return new FunctionEndpoint(beanName, bean, invocable, id, StringUtils.hasText(description) ? description : null,
                triggers.pairs(function.metadata(), "metadata", where), function.generateSchemas(),
                triggers.bindings(method, id, where), timeout(function.timeout(), where),
                concurrency(function.concurrency(), where), nonBlocking(function.nonBlocking(), where));
    }

    private Duration timeout(String value, String where) {
        String text = resolve(value);
        if (!StringUtils.hasText(text)) {
            return null;
        }
        try {
            Duration timeout = DurationStyle.detectAndParse(text.trim());
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("not positive");
            }
            return timeout;
        }
        catch (IllegalArgumentException ex) {
            throw new BeanInitializationException("@IIIFunction on " + where + " has timeout '" + text + "': give a "
                    + "positive duration such as 30s, 5m or PT2M");
        }
    }

    private int concurrency(String value, String where) {
        String text = resolve(value);
        if (!StringUtils.hasText(text)) {
            return 0;
        }
        try {
            int concurrency = Integer.parseInt(text.trim());
            if (concurrency < 0) {
                throw new NumberFormatException();
            }
            return concurrency;
        }
        catch (NumberFormatException ex) {
            throw new BeanInitializationException("@IIIFunction on " + where + " has concurrency '" + text + "': give "
                    + "a whole number, 1 or more (0 or empty for no limit of its own)");
        }
    }

    private boolean nonBlocking(String value, String where) {
        String text = resolve(value);
        if (!StringUtils.hasText(text) || text.trim().equalsIgnoreCase("false")) {
            return false;
        }
        if (text.trim().equalsIgnoreCase("true")) {
            return true;
        }
        throw new BeanInitializationException("@IIIFunction on " + where + " has nonBlocking '" + text + "': give "
                + "true or false");
    }

    private String resolve(String value) {
        if (beanFactory instanceof ConfigurableBeanFactory configurable && value != null) {
            return configurable.resolveEmbeddedValue(value);
        }
        return value;
    }

    /**
     * Builds the catalog once every singleton exists: the collected methods, then what the
     * {@link IIIFunctionConfigurer}s add, bound by the factory they chose (or the default one on the context's
     * {@code JsonMapper} and {@code Validator}), with the {@link IIIAdvice} beans' exception handlers.
     */
    @Override
    public void afterSingletonsInstantiated() {
        FunctionEndpointRegistrar registrar = new FunctionEndpointRegistrar();
        synchronized (endpoints) {
            endpoints.forEach(registrar::registerEndpoint);
        }
        ListableBeanFactory beans = (ListableBeanFactory) beanFactory;
        beans.getBeanProvider(IIIFunctionConfigurer.class).orderedStream()
                .forEach(configurer -> configurer.configureFunctions(registrar));
        MessageHandlerMethodFactory methods = registrar.getMessageHandlerMethodFactory();
        JsonMapper mapper = beans.getBeanProvider(JsonMapper.class).getIfUnique(() -> JsonMapper.builder().build());
        if (methods == null) {
            IIIMessageHandlerMethodFactory defaults = new IIIMessageHandlerMethodFactory(mapper);
            beans.getBeanProvider(Validator.class).ifUnique(defaults::setValidator);
            methods = defaults;
        }
        if (methods instanceof BeanFactoryAware aware) {
            aware.setBeanFactory(beanFactory);
        }
        if (methods instanceof InitializingBean initializing) {
            try {
                initializing.afterPropertiesSet();
            }
            catch (Exception ex) {
                throw new BeanInitializationException("The iii handler-method factory failed to initialize", ex);
            }
        }
        FunctionMethodInvokerFactory invokers = new FunctionMethodInvokerFactory(methods,
                beans.getBeanProvider(FunctionSchemaGenerator.class).getIfAvailable(FunctionSchemaGenerator::new),
                beans.getBeanProvider(ObservationRegistry.class).getIfAvailable(() -> ObservationRegistry.NOOP),
                beans.getBeanProvider(InvocationObservationConvention.class)
                        .getIfAvailable(() -> IIIObservationDocumentation.DefaultConventions.INVOCATION), mapper);
        List<FunctionMethodInvoker> catalog = invokers.createAll(registrar.getEndpoints(), adviceBeans(beans));
        beans.getBean(FunctionEndpointRegistry.class).freeze(catalog);
        if (log.isDebugEnabled()) {
            log.debug("Built the iii function catalog: " + catalog.size() + " function(s)");
        }
    }

    /** {@code @IIIAdvice} beans by name, in {@code @Order} order. */
    private static Map<String, Object> adviceBeans(ListableBeanFactory beans) {
        List<Map.Entry<String, Object>> found = new ArrayList<>(beans.getBeansWithAnnotation(IIIAdvice.class).entrySet());
        found.sort((a, b) -> AnnotationAwareOrderComparator.INSTANCE.compare(a.getValue(), b.getValue()));
        Map<String, Object> ordered = new LinkedHashMap<>();
        found.forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
        return ordered;
    }
}
