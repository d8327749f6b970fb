package dev.iii.spring.test.development;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.spring.autoconfigure.IIIConnectionDetails;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An embedded iii engine for running the application during development, the way Spring Boot runs
 * Testcontainers at development time: from a {@code TestMyApplication} class under {@code src/test},
 * <pre>{@code
 * public static void main(String[] args) {
 *     SpringApplication.from(MyApplication::main).with(IIIDevelopmentEngine.class).run(args);
 * }
 * }</pre>
 * started with {@code ./mvnw spring-boot:test-run}. The engine starts before the worker connects, the worker
 * joins it whatever {@code iii.url} says, and it stops after the worker has left. It listens on the engine's
 * usual ports (workers 49134, {@code http} triggers 3111) so that workers in other languages join it at their
 * default address; {@code iii.embedded.*} changes them. Being test code, neither this class nor the engine
 * reaches the application's production jar.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(IIIDevelopmentEngineProperties.class)
public class IIIDevelopmentEngine {

    private static final Log log = LogFactory.getLog(IIIDevelopmentEngine.class);

    @Bean(destroyMethod = "close")
    EmbeddedEngine iiiDevelopmentEngine(IIIDevelopmentEngineProperties properties) {
        EmbeddedEngine engine = EmbeddedEngine.builder().host(properties.host()).port(properties.port())
                .httpPort(properties.httpPort()).build();
        try {
            engine.start();
        }
        catch (IllegalStateException ex) {
            throw EmbeddedEnginePortInUseException.ifPortInUse(ex, properties).orElseThrow(() -> ex);
        }
        log.info("The application runs on an embedded iii engine (" + engine.url() + ", http triggers on "
                + engine.httpUrl() + "), for development only");
        return engine;
    }

    @Bean
    IIIConnectionDetails iiiDevelopmentEngineConnectionDetails(EmbeddedEngine engine) {
        return engine::url;
    }
}
