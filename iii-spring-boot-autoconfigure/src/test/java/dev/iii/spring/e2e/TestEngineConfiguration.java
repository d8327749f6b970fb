package dev.iii.spring.e2e;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.spring.autoconfigure.IIIConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** An embedded engine on random loopback ports for one test context, and the worker pointed at it; for any test package. */
@TestConfiguration(proxyBeanMethods = false)
public class TestEngineConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedEngine testEngine() {
        return EmbeddedEngine.builder().port(0).httpPort(0).build().start();
    }

    @Bean
    IIIConnectionDetails testEngineConnectionDetails(EmbeddedEngine engine) {
        return engine::url;
    }
}
