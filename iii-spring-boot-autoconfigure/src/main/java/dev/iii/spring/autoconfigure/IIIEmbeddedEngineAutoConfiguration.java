package dev.iii.spring.autoconfigure;

import java.util.Map;

import dev.iii.engine.EmbeddedEngine;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * With {@code iii.embedded.enabled=true}, starts an iii engine inside the application and points the worker
 * at it: for development and samples, never for production. The engine starts with the context (before the
 * worker connects) and closes after the worker has left.
 */
@AutoConfiguration(before = IIIAutoConfiguration.class)
@ConditionalOnClass(EmbeddedEngine.class)
@ConditionalOnBooleanProperty("iii.embedded.enabled")
@EnableConfigurationProperties(IIIProperties.class)
public final class IIIEmbeddedEngineAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    EmbeddedEngine iiiEmbeddedEngine(IIIProperties properties) {
        IIIProperties.Embedded embedded = properties.embedded();
        return EmbeddedEngine.builder().host(embedded.host()).port(embedded.port()).httpPort(embedded.httpPort())
                .build().start();
    }

    @Bean
    @ConditionalOnMissingBean(IIIConnectionDetails.class)
    IIIConnectionDetails iiiEmbeddedEngineConnectionDetails(EmbeddedEngine engine, IIIProperties properties) {
        Map<String, String> headers = properties.headers();
        return new IIIConnectionDetails() {
            @Override
            public String getUrl() {
                return engine.url();
            }

            @Override
            public Map<String, String> getHeaders() {
                return headers;
            }
        };
    }
}
