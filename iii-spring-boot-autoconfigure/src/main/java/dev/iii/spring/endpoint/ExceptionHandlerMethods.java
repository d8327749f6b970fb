package dev.iii.spring.endpoint;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.iii.sdk.function.InvocationContext;
import dev.iii.spring.annotation.IIIExceptionHandler;
import dev.iii.spring.annotation.IIIMetadata;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.messaging.handler.invocation.AbstractExceptionHandlerMethodResolver;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;

/**
 * The {@link IIIExceptionHandler} methods of one bean: which handles an exception (the closest type wins, and
 * causes are matched too), and calling it with the exception, the context and the metadata.
 */
final class ExceptionHandlerMethods {

    private final Resolver resolver;
    private final Map<Method, InvocableHandlerMethod> invocables = new HashMap<>();

    private ExceptionHandlerMethods(Object bean, Map<Class<? extends Throwable>, Method> mapped,
            MessageHandlerMethodFactory methods) {
        this.resolver = new Resolver(mapped);
        for (Method method : Set.copyOf(mapped.values())) {
            invocables.put(method, methods.createInvocableHandlerMethod(bean, method));
        }
    }

    /**
     * The handlers declared on {@code bean}'s class, or {@code null} when it declares none.
     *
     * @param problems where mistakes in the declarations are reported, naming bean and method
     */
    static ExceptionHandlerMethods of(Object bean, String beanName, MessageHandlerMethodFactory methods,
            List<String> problems) {
        Class<?> type = AopUtils.getTargetClass(bean);
        Map<Method, IIIExceptionHandler> declared = MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<IIIExceptionHandler>) method -> AnnotatedElementUtils
                        .findMergedAnnotation(method, IIIExceptionHandler.class));
        if (declared.isEmpty()) {
            return null;
        }
        Map<Class<? extends Throwable>, Method> mapped = new HashMap<>();
        int before = problems.size();
        declared.forEach((method, annotation) -> {
            String where = beanName + "." + method.getName();
            checkSignature(method, where, problems);
            List<Class<? extends Throwable>> handled = handledTypes(method, annotation);
            if (handled.isEmpty()) {
                problems.add("@IIIExceptionHandler method " + where + " names no exception type: list them in the "
                        + "annotation or take the exception as a parameter");
            }
            for (Class<? extends Throwable> exception : handled) {
                Method other = mapped.put(exception, method);
                if (other != null && !other.equals(method)) {
                    problems.add(exception.getSimpleName() + " is handled twice on " + beanName + ": by "
                            + other.getName() + " and by " + method.getName());
                }
            }
        });
        if (problems.size() > before) {
            return null;
        }
        Map<Class<? extends Throwable>, Method> invocable = new HashMap<>();
        for (Map.Entry<Class<? extends Throwable>, Method> entry : mapped.entrySet()) {
            try {
                invocable.put(entry.getKey(), AopUtils.selectInvocableMethod(entry.getValue(), bean.getClass()));
            }
            catch (IllegalStateException ex) {
                problems.add("@IIIExceptionHandler method " + beanName + "." + entry.getValue().getName()
                        + " cannot be called through the bean's proxy: declare it on an interface the proxy "
                        + "implements, or proxy the target class");
                return null;
            }
        }
        return new ExceptionHandlerMethods(bean, invocable, methods);
    }

    private static void checkSignature(Method method, String where, List<String> problems) {
        if (method.getReturnType() == void.class) {
            problems.add("@IIIExceptionHandler method " + where + " returns void: return the InvocationException the "
                    + "caller receives, or the result to answer with");
        }
        for (int i = 0; i < method.getParameterCount(); i++) {
            Class<?> parameter = method.getParameterTypes()[i];
            boolean metadata = AnnotatedElementUtils.hasAnnotation(method.getParameters()[i], IIIMetadata.class);
            if (!Throwable.class.isAssignableFrom(parameter) && parameter != InvocationContext.class && !metadata) {
                problems.add("@IIIExceptionHandler method " + where + " has a parameter of type "
                        + parameter.getSimpleName() + ": it may take the exception, the InvocationContext and an "
                        + "@IIIMetadata parameter");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Class<? extends Throwable>> handledTypes(Method method, IIIExceptionHandler annotation) {
        if (annotation.value().length > 0) {
            return List.of(annotation.value());
        }
        List<Class<? extends Throwable>> types = new ArrayList<>();
        for (Class<?> parameter : method.getParameterTypes()) {
            if (Throwable.class.isAssignableFrom(parameter)) {
                types.add((Class<? extends Throwable>) parameter);
            }
        }
        return types;
    }

    /** The handler for {@code exception} (or one of its causes), or {@code null}. */
    InvocableHandlerMethod find(Throwable exception) {
        Method method = resolver.resolveMethod(exception);
        return method == null ? null : invocables.get(method);
    }

    /** Calls {@code handler}, giving it the exception and every cause, so it may declare the one it handles. */
    Object invoke(InvocableHandlerMethod handler, Throwable exception, Message<?> message) throws Exception {
        List<Object> provided = new ArrayList<>();
        for (Throwable cause = exception; cause != null && !provided.contains(cause); cause = cause.getCause()) {
            provided.add(cause);
        }
        return handler.invoke(message, provided.toArray());
    }

    /** spring-messaging's resolution rules (closest type, then causes) over the iii annotation's mappings. */
    private static final class Resolver extends AbstractExceptionHandlerMethodResolver {
        Resolver(Map<Class<? extends Throwable>, Method> mapped) {
            super(mapped);
        }
    }
}
