package dev.iii.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Handles exceptions thrown by {@link IIIFunction} methods, as {@code @ExceptionHandler} does for MVC
 * controllers. On a bean with {@code @IIIFunction} methods it handles that bean's functions; on an
 * {@link IIIAdvice} bean, every function's. The bean's own handlers are tried first, then the advice beans in
 * {@code @Order} order; within one bean the handler of the closest exception type wins, and an exception's
 * causes are matched too.
 * <p>
 * The method takes the exception (any of the handled types or a supertype), and optionally the
 * {@link dev.iii.sdk.function.InvocationContext} and an {@link IIIMetadata} parameter. It returns the
 * {@link dev.iii.sdk.InvocationException} the caller receives, or any other value, which becomes the
 * function's result (an {@link dev.iii.sdk.builtin.HttpTriggerResponse} for a function behind an
 * {@code http} trigger, say). What it throws reaches the caller instead. A payload that a function taking
 * {@code HttpTriggerRequest} cannot take never reaches a handler: it is answered 400.
 * <pre>{@code
 * @IIIAdvice
 * class ErrorCodes {
 *     @IIIExceptionHandler
 *     InvocationException outOfStock(OutOfStockException ex) {
 *         return new InvocationException("out_of_stock", ex.getMessage());
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface IIIExceptionHandler {

    /** Exception types handled; empty means the types of the method's exception parameters. */
    Class<? extends Throwable>[] value() default {};
}
