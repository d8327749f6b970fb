package dev.iii.spring.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface whose {@link FunctionCall} methods call iii functions. Spring Boot finds such
 * interfaces in the application's packages and registers an implementation as a bean; plain Spring
 * applications use {@link EnableIIIClients}.
 * <pre>{@code
 * @IIIClient
 * interface Payments {
 *     @FunctionCall("payments::charge")
 *     Receipt charge(Charge charge);
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface IIIClient {

    /** Namespace of the functions this interface calls; empty means the worker's namespace. */
    String namespace() default "";

    /** Default timeout of its calls, e.g. {@code 5s}; empty means {@code iii.invocation-timeout}. */
    String timeout() default "";
}
