package dev.iii.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a {@code @SpringBootTest} against an embedded iii engine, the way {@code @EmbeddedKafka} provides a
 * broker: the engine starts on random loopback ports for the test's application context, the application's
 * worker joins it whatever {@code iii.url} says, and an {@link IIITestClient} bean is there to call functions
 * and check results. The engine lives and dies with the context, and test classes with the same settings
 * share one cached context and one engine.
 * <pre>{@code
 * @SpringBootTest
 * @EmbeddedIIIEngine
 * class OrdersTests {
 *     @Autowired IIITestClient iii;
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface EmbeddedIIIEngine {

    /** Port of the engine's {@code http} trigger listener; 0 (the default) picks a free one. */
    int httpPort() default 0;
}
