package dev.iii.spring.e2e;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A headless worker application for {@link HeadlessExitTests}: pointed at an engine that is not there, with one
 * retry, its worker fails for good.
 */
@SpringBootApplication
public class HeadlessFailureApplication {

    public static void main(String[] args) {
        SpringApplication.run(HeadlessFailureApplication.class, args);
    }
}
