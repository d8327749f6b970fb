package dev.iii.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Makes a bean method an iii function. The worker registers it when the application starts and serves
 * its invocations: the payload is bound to the method's payload parameter, an
 * {@link dev.iii.sdk.function.InvocationContext} parameter receives the invocation's context, a parameter
 * annotated {@link IIIMetadata} receives its metadata, and the return value (an object, {@code void},
 * {@code Optional} or {@code CompletionStage}) becomes the result. Throw
 * {@link dev.iii.sdk.InvocationException} to choose the error code the caller receives.
 * <pre>{@code
 * @IIIFunction(id = "orders::create", description = "Create an order")
 * @HttpTrigger(path = "/orders", method = "POST")
 * OrderCreated create(CreateOrder request) { ... }
 * }</pre>
 * {@code @IIIFunction("orders::create")} is short for {@code @IIIFunction(id = "orders::create")}. Ids,
 * descriptions, metadata and trigger configuration may use {@code ${...}} placeholders.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface IIIFunction {

    /** Function id, e.g. {@code orders::create}; an alias of {@link #id()}. */
    @AliasFor("id")
    String value() default "";

    /** Function id, e.g. {@code orders::create}. */
    @AliasFor("value")
    String id() default "";

    /** Shown in the engine's introspection. */
    String description() default "";

    /** Registration metadata as {@code key=value} pairs (values are strings). */
    String[] metadata() default {};

    /** Whether to send JSON Schemas generated from the payload parameter and return types. */
    boolean generateSchemas() default true;

    /**
     * How long the method may run before the worker answers its caller {@code handler_timeout} and interrupts
     * it, as a duration ({@code 30s}, {@code 5m}, {@code PT2M}); empty uses {@code iii.handler-timeout}.
     */
    String timeout() default "";

    /**
     * How many invocations of this function may run at once, e.g. {@code 1} to serialize them; the rest wait
     * their turn without holding back other functions. Empty or {@code 0}: no limit of its own beyond
     * {@code iii.max-concurrent-invocations}.
     */
    String concurrency() default "";

    /**
     * {@code "true"} when the method never blocks and returns within microseconds: a computation on its payload, or
     * a {@code CompletionStage} it composes from calls. The worker then runs it on the thread that reads the
     * engine's frames instead of handing it to {@code iiiTaskExecutor}, which saves most of the worker's cost per
     * invocation. It must not wait on I/O, a lock, a sleep or a call's result: {@code join()} and {@code get()}
     * on the future of a call fail there with an {@link IllegalStateException}. Its timeout still answers the
     * caller, but the method is not interrupted. Empty or {@code "false"}: it runs on {@code iiiTaskExecutor}. A
     * string, as the other attributes, so that a placeholder may decide it. See
     * {@link dev.iii.sdk.function.FunctionOptions#nonBlocking()}.
     */
    String nonBlocking() default "";
}
