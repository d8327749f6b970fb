package dev.iii.spring.autoconfigure;

import java.util.Map;

import dev.iii.engine.EmbeddedEngine;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * With {@code iii.embedded.enabled=true} and no engine URL configured, starts an iii engine inside the
 * application and points the worker at it: for development and samples, never for production. Setting
 * {@code iii.url} (or {@code III_URL}) makes the same application join that engine instead. The engine
 * starts with the context (before the worker connects) and closes after the worker has left.
 */
@AutoConfiguration(before = IIIAutoConfiguration.class)
@ConditionalOnClass(EmbeddedEngine.class)
@ConditionalOnBooleanProperty("iii.embedded.enabled")
@Conditional(OnNoEngineUrlCondition.class)
@EnableConfigurationProperties(IIIProperties.class)
public final class IIIEmbeddedEngineAutoConfiguration {

    private static final Log log = LogFactory.getLog(IIIEmbeddedEngineAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    EmbeddedEngine iiiEmbeddedEngine(IIIProperties properties) {
        IIIProperties.Embedded embedded = properties.embedded();
        EmbeddedEngine engine = EmbeddedEngine.builder().host(embedded.host()).port(embedded.port())
                .httpPort(embedded.httpPort()).build().start();
        log.info("The iii worker uses the embedded engine, for development only; set iii.url or III_URL to join a real engine");
        return engine;
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
