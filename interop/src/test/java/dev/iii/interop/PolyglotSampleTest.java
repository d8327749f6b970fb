package dev.iii.interop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.samples.quickstart.QuickstartApplication;
import dev.iii.spring.client.IIITemplate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The polyglot sample as its README runs it: the Java quickstart (with its embedded engine) and the Node
 * notifications worker, calling each other.
 */
class PolyglotSampleTest {

    @Test
    void theNodeWorkerAndTheJavaQuickstartCallEachOther() throws Exception {
        Path sample = Path.of(System.getProperty("interop.dir", ".")).resolve("../samples/polyglot").normalize();
        NodeProjects.requireInstalled(sample);
        try (ConfigurableApplicationContext quickstart = new SpringApplicationBuilder(QuickstartApplication.class)
                .properties("iii.embedded.port=0", "iii.embedded.http-port=0", "server.port=0").run()) {
            EmbeddedEngine engine = quickstart.getBean(EmbeddedEngine.class);
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
