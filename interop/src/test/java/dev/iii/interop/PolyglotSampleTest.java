package dev.iii.interop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.samples.quickstart.QuickstartApplication;
import dev.iii.sdk.IIIWorker;
import dev.iii.spring.client.IIITemplate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The polyglot sample as its README runs it, the Java quickstart and the Node notifications worker calling
 * each other, on an engine of the test's own on random ports: never the ports a developer's running sample
 * holds.
 */
class PolyglotSampleTest {

    @Test
    void theNodeWorkerAndTheJavaQuickstartCallEachOther() throws Exception {
        Path sample = Path.of(System.getProperty("interop.dir", ".")).resolve("../samples/polyglot").normalize();
        NodeProjects.requireInstalled(sample);
        try (EmbeddedEngine engine = EmbeddedEngine.builder().port(0).httpPort(0).build().start();
                ConfigurableApplicationContext quickstart = SpringApplication.run(QuickstartApplication.class,
                        "--iii.url=" + engine.url(), "--server.port=0")) {
            assertThat(quickstart.getBeansOfType(EmbeddedEngine.class)).as("an engine inside the quickstart").isEmpty();
            assertThat(quickstart.getBean(IIIWorker.class).options().url()).hasToString(engine.url());
            try (NodeWorker notifications = NodeWorker.start(sample, "notifications-worker.mjs", engine.url(), Map.of())) {
                // Node -> Java: the Node worker placed an order through orders::create ...
                String placed = notifications.awaitLine("ORDER");
                assertThat(placed).contains("\"customer\":\"node\"").contains("\"status\":\"RESERVED\"");
                // ... and Java -> Node: the orders service announced it to notifications::order-placed.
                notifications.awaitLine("NOTIFIED node");

                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                        .newBuilder(URI.create(engine.httpUrl() + "/orders")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"customer\":\"ada\",\"lines\":[{\"sku\":\"A1\",\"quantity\":2}]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(201);
                IIITemplate iii = quickstart.getBean(IIITemplate.class);
                await().untilAsserted(() -> {
                    JsonNode sent = iii.function("notifications::sent").retrieve(JsonNode.class).get("sent");
                    assertThat(sent.findValuesAsString("customer")).containsExactlyInAnyOrder("node", "ada");
                });
            }
        }
    }
}
