package dev.iii.spring.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Registers a bean for each {@link IIIClient} interface in the given packages (by default the annotated
 * class's package) and for each listed interface. Spring Boot applications do not need it: the
 * auto-configuration scans the application's packages, unless this annotation is present.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(IIIClientsRegistrar.class)
public @interface EnableIIIClients {

    /** Packages to scan for {@link IIIClient} interfaces. */
    String[] basePackages() default {};

    /** Interfaces to register without scanning. */
    Class<?>[] clients() default {};
}
