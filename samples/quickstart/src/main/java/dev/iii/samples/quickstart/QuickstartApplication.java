package dev.iii.samples.quickstart;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An orders service that is an iii worker: its functions are served through the engine, its HTTP API is the
 * engine's {@code http} trigger, and it calls the inventory through the engine like any other worker would.
 * Without {@code III_URL} it starts an embedded engine; with it, it joins that engine.
 */
@SpringBootApplication
public class QuickstartApplication {

    public static void main(String[] args) {
        SpringApplication.run(QuickstartApplication.class, args);
    }
}
