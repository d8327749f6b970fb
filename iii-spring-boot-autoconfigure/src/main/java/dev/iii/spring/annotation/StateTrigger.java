package dev.iii.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Binds the {@link IIIFunction} beside it to changes of the engine's state ({@code state}): the function
 * receives a {@link dev.iii.sdk.builtin.StateChange} when a value is created, updated or deleted. Scope and key
 * filter by exact match; leave them out for every change.
 * <pre>{@code
 * @IIIFunction("carts::audit")
 * @StateTrigger(scope = "carts")
 * void cartChanged(StateChange change) { ... }
 * }</pre>
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IIITrigger(type = "state")
public @interface StateTrigger {

    /** The scope to watch; empty means every scope. */
    @TriggerConfigKey("scope")
    String scope() default "";

    /** The key to watch; empty means every key. */
    @TriggerConfigKey("key")
    String key() default "";

    /** Metadata handed to the function on every fire, as {@code key=value} pairs. */
    @AliasFor(annotation = IIITrigger.class)
    String[] metadata() default {};
}
