package dev.iii.spring.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Calls a function from a method of an {@link IIIClient} interface. The method takes at most one payload
 * parameter (none sends {@code {}}) and optionally a {@link dev.iii.sdk.CallOptions}. Its return type
 * chooses how it waits: {@code T} blocks for the result, {@code CompletableFuture<T>} or
 * {@code CompletionStage<T>} does not, {@code void} waits for completion (errors still surface). A failed
 * call throws {@link dev.iii.sdk.InvocationException}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface FunctionCall {

    /** Function id; {@code ${...}} placeholders resolve. */
    String value();

    /**
     * Fire and forget: nothing comes back, the method returns at once. The method must return {@code void}.
     */
    boolean fireAndForget() default false;

    /**
     * Enqueue the call to this named queue instead of waiting for the function; the method returns
     * {@link dev.iii.sdk.EnqueueReceipt} or a future of it.
     */
    String queue() default "";

    /** Timeout of this call, e.g. {@code 500ms}; overrides the interface's. */
    String timeout() default "";
}
