package dev.iii.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds the {@link IIIFunction} it sits beside to a trigger type; repeatable. The typed annotations
 * ({@link HttpTrigger}, {@link CronTrigger}, {@link QueueTrigger}, ...) are composed over this one and say the
 * same with checked attributes; this one reaches any trigger type, with any configuration.
 * <pre>{@code
 * @IIITrigger(type = "http", config = {"api_path=/orders/:id", "http_method=GET"})
 * @IIITrigger(type = "cron", config = "expression=0 0 6 * * *")
 * }</pre>
 * Start-up fails, naming bean and method, for an {@code http} binding without a path or with a method the
 * engine does not serve, and for a {@code cron} expression that does not parse.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(IIITriggers.class)
public @interface IIITrigger {

    /** Trigger type: {@code http}, {@code cron}, {@code durable:subscriber}, or one a worker provides. */
    String type();

    /** Configuration as {@code key=value} pairs; every value is a string. */
    String[] config() default {};

    /**
     * Configuration as a JSON object, for values that are not strings (numbers, arrays, objects); merged
     * over {@link #config()}.
     */
    String configJson() default "";

    /** Metadata handed to the function on every fire, as {@code key=value} pairs. */
    String[] metadata() default {};

    /** Namespace of the bound function; empty means the worker's namespace. */
    String namespace() default "";

    /** Namespace of the trigger type's provider; empty lets the engine look in the worker's, then {@code default}. */
    String triggerNamespace() default "";
}
