package dev.iii.spring.test;

import dev.iii.engine.EmbeddedEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The same settings as {@link EmbeddedIIIEngineTests}: Spring's test context cache must hand both classes the
 * same context, hence the same engine, whichever runs first.
 */
@SpringBootTest(classes = GreetingApplication.class, properties = "iii.url=ws://127.0.0.1:9")
@EmbeddedIIIEngine
class SharedContextTests {

    @Autowired
    private EmbeddedEngine engine;

    @Test
    void sharesTheEngineWithOtherClassesOfTheSameSettings() {
        SharedContextProbe.record(engine);
    }
}
