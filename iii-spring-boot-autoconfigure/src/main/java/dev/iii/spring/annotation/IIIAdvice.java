package dev.iii.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.stereotype.Component;

/**
 * A bean whose {@link IIIExceptionHandler} methods handle the exceptions of every {@link IIIFunction}, as
 * {@code @ControllerAdvice} does for MVC: map exceptions to error codes once instead of catching them in
 * every function. Several advice beans are tried in {@code @Order} order. A component, so component
 * scanning finds it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface IIIAdvice {
}
