package dev.iii.engine;

import java.time.Duration;

/** Engines for tests: random loopback ports and short timers. */
final class EngineTestSupport {

    private EngineTestSupport() {
    }

    static EmbeddedEngineOptions fastOptions() {
        return EmbeddedEngineOptions.defaults()
                .withNamespaceGrace(Duration.ofSeconds(5))
                .withFunctionsPollInterval(Duration.ofMillis(200))
                .withHttpTimeout(Duration.ofSeconds(10));
    }

    static EmbeddedEngine start(EmbeddedEngineOptions options) {
        return EmbeddedEngine.builder().port(0).httpPort(0).options(options).build().start();
    }

    static EmbeddedEngine start() {
        return start(fastOptions());
    }
}
