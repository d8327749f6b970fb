package dev.iii.engine;

import java.time.Duration;

/** The code of docs/embedded-engine.md, compiled. */
@SuppressWarnings("unused")
class EmbeddedEngineDocsExamples {

    void example1() {
        // docs:start
        try (EmbeddedEngine engine = EmbeddedEngine.builder()
                .host("127.0.0.1")   // default
                .port(0)             // worker port; default 49134, 0 = random
                .httpPort(0)         // http trigger port; default 3111, 0 = random
                .options(EmbeddedEngineOptions.defaults()
                        .withHttpTimeout(Duration.ofSeconds(5)))
                .build()
                .start()) {
            String workerUrl = engine.url();      // ws://127.0.0.1:54321
            String httpBase = engine.httpUrl();   // http://127.0.0.1:54322
            int port = engine.port();
            int httpPort = engine.httpPort();
        }
        // docs:end
    }
}
