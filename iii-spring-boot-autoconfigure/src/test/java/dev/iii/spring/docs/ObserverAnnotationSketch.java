package dev.iii.spring.docs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.iii.spring.annotation.IIIFunction;

/**
 * The annotation that {@code docs/design/observers.md} proposes for observing any function, compiled so that the
 * sketch stays valid Java. Nothing reads it yet; it is not part of the starter.
 */
@SuppressWarnings("unused")
final class ObserverAnnotationSketch {

    private ObserverAnnotationSketch() {
    }

    record OrderCreated(String orderId, String customer) {
    }

    // docs:start
    /** Runs the IIIFunction beside it after each event of another function that passes the filters. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @interface IIIObserve {

        /** The function observed, e.g. {@code orders::create}. */
        String source();

        /** Arguments for a source whose owner routes events by them, as {@code key=value} pairs. */
        String[] args() default {};

        /** Filters on the event, as a JSON object (their grammar is the engine's). */
        String filtersJson() default "";

        /** {@code envelope} (the engine's default), {@code input} or {@code output}. */
        String deliver() default "envelope";

        /** Metadata handed to the function on every activation, as {@code key=value} pairs. */
        String[] metadata() default {};
    }

    @IIIFunction("emails::send-receipt")
    @IIIObserve(source = "orders::create", deliver = "output")
    void sendReceipt(OrderCreated created) {
        // runs after each successful call of orders::create, with what it returned
    }
    // docs:end
}
