package dev.iii.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Binds the {@link IIIFunction} beside it to the engine's {@code cron} trigger. The expression has six fields,
 * seconds first ({@code second minute hour day-of-month month day-of-week}), and an optional seventh, the
 * year; times are UTC. Start-up fails, naming bean and method, for an expression that does not parse. The
 * function may take a {@link dev.iii.sdk.builtin.CronTick}.
 * <pre>{@code
 * @IIIFunction("reports::nightly")
 * @CronTrigger("0 30 2 * * *")
 * void nightly(CronTick tick) { ... }
 * }</pre>
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IIITrigger(type = "cron")
public @interface CronTrigger {

    /** The cron expression, e.g. {@code 0 0/5 * * * *}. */
    @AliasFor("expression")
    String value() default "";

    /** The cron expression, e.g. {@code 0 0/5 * * * *}. */
    @AliasFor("value")
    @TriggerConfigKey("expression")
    String expression() default "";

    /** Metadata handed to the function on every fire, as {@code key=value} pairs. */
    @AliasFor(annotation = IIITrigger.class)
    String[] metadata() default {};
}
