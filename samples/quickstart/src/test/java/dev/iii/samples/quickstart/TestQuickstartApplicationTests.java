package dev.iii.samples.quickstart;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.iii.engine.EmbeddedEngine;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link TestQuickstartApplication}, which {@code ./mvnw spring-boot:test-run} starts, runs the service on its
 * development engine and answers the README's request; here on free ports instead of 49134 and 3111.
 */
class TestQuickstartApplicationTests {

    @Test
    void runsTheServiceOnTheDevelopmentEngine() throws Exception {
        try (ConfigurableApplicationContext application = TestQuickstartApplication.run("--iii.embedded.port=0",
                "--iii.embedded.http-port=0", "--server.port=0").getApplicationContext()) {
            EmbeddedEngine engine = application.getBean(EmbeddedEngine.class);
            HttpRequest order = HttpRequest.newBuilder(URI.create(engine.httpUrl() + "/orders"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"customer\":\"ada\",\"lines\":[{\"sku\":\"A1\",\"quantity\":2}]}"))
                    .build();
            // The http route exists once the worker's registrations reached the engine.
            await().untilAsserted(() -> assertThat(HttpClient.newHttpClient()
                    .send(order, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201));
        }
    }
}
