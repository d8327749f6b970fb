package dev.iii.samples.quickstart;

import dev.iii.spring.test.development.IIIDevelopmentEngine;
import org.springframework.boot.SpringApplication;

// docs:start
/**
 * Runs the quickstart for development on an embedded iii engine (workers on port 49134, http triggers on
 * 3111): {@code ./mvnw spring-boot:test-run}. Test code, so the engine never reaches the production jar.
 */
public class TestQuickstartApplication {

    public static void main(String[] args) {
        run(args);
    }

    static SpringApplication.Running run(String... args) {
        return SpringApplication.from(QuickstartApplication::main).with(IIIDevelopmentEngine.class).run(args);
    }
}
// docs:end
