package dev.iii.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Binds the {@link IIIFunction} beside it to a pub/sub topic ({@code subscribe}): the function receives the data
 * of every {@code publish} to the topic, broadcast and not persisted.
 * <pre>{@code
 * @IIIFunction("mail::on-order")
 * @SubscribeTrigger("orders.placed")
 * void onOrderPlaced(OrderPlaced event) { ... }
 * }</pre>
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IIITrigger(type = "subscribe")
public @interface SubscribeTrigger {

    /** The topic. */
    @AliasFor("topic")
    String value() default "";

    /** The topic. */
    @AliasFor("value")
    @TriggerConfigKey("topic")
    String topic() default "";

    /** Metadata handed to the function on every fire, as {@code key=value} pairs. */
    @AliasFor(annotation = IIITrigger.class)
    String[] metadata() default {};
}
