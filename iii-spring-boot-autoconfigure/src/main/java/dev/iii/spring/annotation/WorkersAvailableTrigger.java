package dev.iii.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Binds the {@link IIIFunction} beside it to {@code engine::workers-available}: the function receives a
 * {@link dev.iii.sdk.discovery.WorkersAvailableEvent} whenever a worker connects, updates its metadata or
 * disconnects.
 * <pre>{@code
 * @IIIFunction("fleet::watch")
 * @WorkersAvailableTrigger
 * void workersChanged(WorkersAvailableEvent event) { ... }
 * }</pre>
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IIITrigger(type = "engine::workers-available")
public @interface WorkersAvailableTrigger {

    /** Metadata handed to the function on every fire, as {@code key=value} pairs. */
    @AliasFor(annotation = IIITrigger.class)
    String[] metadata() default {};
}
