package dev.iii.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Binds the {@link IIIFunction} beside it to the engine's {@code http} trigger: the engine serves the route on
 * its HTTP port and calls the function with the request. Take the request as
 * {@link dev.iii.sdk.builtin.HttpTriggerRequest} and return {@link dev.iii.sdk.builtin.HttpTriggerResponse} to
 * choose the status. Start-up fails, naming bean and method, for a blank path or a method the engine does not
 * serve.
 * <pre>{@code
 * @IIIFunction("orders::get")
 * @HttpTrigger(path = "/orders/:id", method = "GET")
 * HttpTriggerResponse get(HttpTriggerRequest<Void> request) { ... }
 * }</pre>
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IIITrigger(type = "http")
public @interface HttpTrigger {

    /** The route, with {@code :name} path parameters, e.g. {@code /orders/:id}. */
    @AliasFor("path")
    String value() default "";

    /** The route, with {@code :name} path parameters, e.g. {@code /orders/:id}. */
    @AliasFor("value")
    @TriggerConfigKey("api_path")
    String path() default "";

    /** {@code GET} (the default), {@code POST}, {@code PUT}, {@code DELETE}, {@code PATCH}, {@code HEAD} or {@code OPTIONS}. */
    @TriggerConfigKey("http_method")
    String method() default "GET";

    /** Functions the engine calls before this one, in order, each answering continue or respond. */
    @TriggerConfigKey("middleware_function_ids")
    String[] middleware() default {};

    /** Metadata handed to the function on every fire, as {@code key=value} pairs. */
    @AliasFor(annotation = IIITrigger.class)
    String[] metadata() default {};
}
