package dev.iii.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Binds the {@link IIIFunction} beside it to changes of a stream's items ({@code stream}): the function receives
 * a {@link dev.iii.sdk.builtin.StreamChange}.
 * <pre>{@code
 * @IIIFunction("chat::moderate")
 * @StreamTrigger("chat")
 * void messagePosted(StreamChange change) { ... }
 * }</pre>
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IIITrigger(type = "stream")
public @interface StreamTrigger {

    /** The stream. */
    @AliasFor("streamName")
    String value() default "";

    /** The stream. */
    @AliasFor("value")
    @TriggerConfigKey("stream_name")
    String streamName() default "";

    /** Only items of this group; empty means every group. */
    @TriggerConfigKey("group_id")
    String groupId() default "";

    /** Only this item; empty means every item. */
    @TriggerConfigKey("item_id")
    String itemId() default "";

    /** Metadata handed to the function on every fire, as {@code key=value} pairs. */
    @AliasFor(annotation = IIITrigger.class)
    String[] metadata() default {};
}
