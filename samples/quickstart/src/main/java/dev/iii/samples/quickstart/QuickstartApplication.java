package dev.iii.samples.quickstart;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An orders service that is an iii worker: its functions are served through the engine, its HTTP API is the
 * engine's {@code http} trigger, and it calls the inventory through the engine like any other worker would.
 * It joins the engine at {@code iii.url} ({@code III_URL}); {@code TestQuickstartApplication} under
 * {@code src/test} runs it on an embedded engine for development.
 */
@SpringBootApplication
public class QuickstartApplication {

    public static void main(String[] args) {
        SpringApplication.run(QuickstartApplication.class, args);
    }
}
