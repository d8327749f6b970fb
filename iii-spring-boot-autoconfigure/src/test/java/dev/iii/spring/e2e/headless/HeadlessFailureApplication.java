package dev.iii.spring.e2e.headless;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A headless worker application for {@code HeadlessExitTests}, in a package of its own so that it scans nothing
 * else: pointed at an engine that is not there, with one retry, its worker fails for good.
 */
@SpringBootApplication
public class HeadlessFailureApplication {

    public static void main(String[] args) {
        SpringApplication.run(HeadlessFailureApplication.class, args);
    }
}
