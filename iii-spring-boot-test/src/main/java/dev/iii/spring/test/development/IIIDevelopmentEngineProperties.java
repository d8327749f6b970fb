package dev.iii.spring.test.development;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the development-time engine of {@link IIIDevelopmentEngine} listens.
 *
 * @param host     Address the embedded engine listens on
 * @param port     Worker WebSocket port of the embedded engine; 0 picks a free port
 * @param httpPort Port of the embedded engine's http trigger listener; 0 picks a free port
 */
@ConfigurationProperties("iii.embedded")
public record IIIDevelopmentEngineProperties(@DefaultValue("127.0.0.1") String host, @DefaultValue("49134") int port,
        @DefaultValue("3111") int httpPort) {
}
