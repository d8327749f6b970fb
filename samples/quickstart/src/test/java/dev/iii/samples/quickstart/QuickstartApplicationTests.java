package dev.iii.samples.quickstart;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.iii.sdk.InvocationException;
import dev.iii.spring.test.EmbeddedIIIEngine;
import dev.iii.spring.test.IIITestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

// docs:start
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedIIIEngine
class QuickstartApplicationTests {

    @Autowired
    IIITestClient iii;

    @BeforeEach
    void functionsAreRegistered() {
        iii.awaitFunctions("orders::create", "orders::http-create", "inventory::reserve");
    }

    @Test
    void placesAnOrderThroughTheEngine() {
        Order order = iii.function("orders::create")
                .payload(new CreateOrder("ada", List.of(new OrderLine("A1", 2))))
                .retrieve(Order.class);
        assertThat(order.status()).isEqualTo("RESERVED");
        assertThat(iii.function("orders::get").payload(order.id()).retrieve(Order.class)).isEqualTo(order);
    }

    @Test
    void refusesWhatIsOutOfStockWithItsOwnCode() {
        InvocationException error = iii.callExpectingError("orders::create",
                new CreateOrder("bob", List.of(new OrderLine("C3", 1))));
        assertThat(error.getCode()).isEqualTo("out_of_stock");
    }

    @Test
    void servesItsHttpApiThroughTheEngine() {
        HttpResponse<String> created = iii.httpPost("/orders",
                "{\"customer\":\"cy\",\"lines\":[{\"sku\":\"B2\",\"quantity\":1}]}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(iii.httpPost("/orders", "{\"customer\":\"cy\",\"lines\":[]}").statusCode()).isEqualTo(400);
        assertThat(iii.httpPost("/orders", "{\"customer\":\"cy\",\"lines\":[{\"sku\":\"C3\",\"quantity\":1}]}")
                .statusCode()).isEqualTo(409);
        assertThat(iii.httpGet("/orders/ord-none").statusCode()).isEqualTo(404);
    }
    // docs:end

    @Test
    void answersStockLevelsFromItsNonBlockingFunction() {
        iii.awaitFunctions("inventory::stock");
        HttpResponse<String> stock = iii.httpGet("/inventory/B2");
        assertThat(stock.statusCode()).isEqualTo(200);
        assertThat(stock.body()).contains("\"sku\":\"B2\"").contains("\"units\":");
        assertThat(iii.httpGet("/inventory/Z9").statusCode()).isEqualTo(404);
    }

    @Test
    void streamsItsOrdersAsCsvThroughTheEngine() {
        Order order = iii.function("orders::create")
                .payload(new CreateOrder("dee", List.of(new OrderLine("A1", 1))))
                .retrieve(Order.class);
        HttpResponse<String> export = iii.httpGet("/exports/orders");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/csv"));
        assertThat(export.body()).startsWith("id,customer,status,created_at\n")
                .contains(order.id() + ",dee,RESERVED,");
    }

    @LocalServerPort
    int port;

    // docs:start
    @Test
    void announcesOrdersToTheNotificationsWorker() {
        List<JsonNode> announced = new CopyOnWriteArrayList<>();
        iii.stubFunction("notifications::order-placed", (payload, context) -> {
            announced.add(payload);
            return null;
        });
        Order order = iii.function("orders::create")
                .payload(new CreateOrder("dee", List.of(new OrderLine("A1", 1))))
                .retrieve(Order.class);
        await().until(() -> announced.stream().anyMatch(n -> n.get("id").asString().equals(order.id())));
    }

    @Test
    void reportsWithoutWaitingForTheNextMinute() {
        iii.function("orders::create").payload(new CreateOrder("eve", List.of(new OrderLine("A1", 1))))
                .retrieve(Order.class);
        iii.fireCron("orders::report");
    }
    // docs:end

    @Test
    void answersAnInvalidOrderWithTheViolations() throws Exception {
        HttpResponse<String> invalid = iii.httpPost("/orders", "{\"customer\":\" \",\"lines\":[{\"sku\":\"A1\",\"quantity\":0}]}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        JsonNode violations = JsonMapper.builder().build().readTree(invalid.body()).get("error").get("violations");
        assertThat(violations.findValuesAsString("path")).containsExactlyInAnyOrder("customer", "lines[0].quantity");
    }

    @Test
    void reportsItsConnectionInActuatorReadiness() {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .build();
        // The worker reports UP once the engine confirmed its registrations, a moment after they appear.
        await().untilAsserted(() -> {
            HttpResponse<String> health = http.send(readiness, HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode body = JsonMapper.builder().build().readTree(health.body());
            assertThat(body.get("components").get("iii").get("status").asString()).isEqualTo("UP");
        });
    }
}
