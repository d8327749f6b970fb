package dev.iii.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Binds the {@link IIIFunction} beside it to a durable queue topic ({@code durable:subscriber}, served by the
 * engine's queue worker): the function receives each message published to the topic with
 * {@code iii::durable::publish}; an exception is a failed delivery, retried and then dead-lettered. Retries,
 * concurrency and the like go in {@code @IIITrigger(type = "durable:subscriber", configJson = ...)}.
 * <pre>{@code
 * @IIIFunction("billing::on-payment")
 * @QueueTrigger("payments")
 * void onPayment(Payment payment) { ... }
 * }</pre>
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IIITrigger(type = "durable:subscriber")
public @interface QueueTrigger {

    /** The topic whose messages the function consumes. */
    @AliasFor("topic")
    String value() default "";

    /** The topic whose messages the function consumes. */
    @AliasFor("value")
    @TriggerConfigKey("topic")
    String topic() default "";

    /** Metadata handed to the function on every fire, as {@code key=value} pairs. */
    @AliasFor(annotation = IIITrigger.class)
    String[] metadata() default {};
}
