package dev.iii.spring.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.sdk.ConnectionState;
import dev.iii.sdk.ErrorCode;
import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.InvocationException;
import dev.iii.sdk.WorkerOptions;
import dev.iii.sdk.discovery.FunctionInfo;
import dev.iii.spring.client.IIITemplate;
import dev.iii.spring.health.IIIHealthIndicator;
import dev.iii.spring.lifecycle.IIIWorkerConnectionEvent;
import dev.iii.spring.lifecycle.IIIWorkerStartedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The annotated application joins an embedded engine and another worker, a plain SDK worker as a Node or
 * Python one would be, calls it through the engine.
 */
@SpringBootTest(classes = { OrdersApplication.class, TestEngineConfiguration.class,
        AnnotatedWorkerEndToEndTests.Events.class }, properties = "spring.application.name=orders")
class AnnotatedWorkerEndToEndTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private EmbeddedEngine engine;

    @Autowired
    private IIIWorker worker;

    @Autowired
    private IIITemplate iii;

    @Autowired
    private IIIHealthIndicator health;

    @Autowired
    private Events events;

    private static IIIWorker other;

    @BeforeAll
    static void noOtherWorkerYet() {
        other = null;
    }

    @AfterAll
    static void stopOtherWorker() {
        if (other != null) {
            other.shutdown(Duration.ofSeconds(1));
        }
    }

    /** Another worker on the same engine, which also provides pricing::quote. */
    private IIIWorker other() throws InterruptedException {
        if (other == null) {
            other = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("pricing").build());
            other.registerFunction("pricing::quote",
                    (payload, context) -> Map.of("sku", payload.get("sku").asString(), "price", 42,
                            "tenant", payload.get("tenant").asString()));
            other.start();
            assertThat(other.awaitConnected(Duration.ofSeconds(20))).isTrue();
        }
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
        await().until(() -> other.discovery().listFunctions().join().stream().map(FunctionInfo::functionId).toList()
                .containsAll(List.of("orders::create", "pricing::quote")));
        return other;
    }

    @Test
    void anotherWorkerCallsAnAnnotatedMethodWithBoundArguments() throws Exception {
        OrdersApplication.OrderCreated created = other().call("orders::create",
                new OrdersApplication.CreateOrder("ada", List.of(new OrdersApplication.Line("A1", 2),
                        new OrdersApplication.Line("B2", 3))), OrdersApplication.OrderCreated.class).get();
        assertThat(created.customer()).isEqualTo("ada");
        assertThat(created.units()).isEqualTo(5);
        assertThat(created.caller()).isEqualTo(other.workerId().orElseThrow());
    }

    @Test
    void generatedSchemasReachTheEngine() throws Exception {
        JsonNode info = other().call("engine::functions::info", Map.of("function_id", "orders::create")).get();
        assertThat(info.get("description").asString()).isEqualTo("Create an order");
        JsonNode request = info.get("request_schema");
        assertThat(request.get("type").asString()).isEqualTo("object");
        assertThat(request.get("properties").has("customer")).isTrue();
        assertThat(request.get("properties").get("lines").get("type").asString()).isEqualTo("array");
        assertThat(info.get("response_schema").get("properties").has("units")).isTrue();
    }

    @Test
    void errorsArriveWithTheirCodes() throws Exception {
        assertThatThrownBy(() -> other().call("orders::create", Map.of("customer", "ada", "lines", List.of())).join())
                .hasCauseInstanceOf(InvocationException.class).cause()
                .satisfies(e -> assertThat(((InvocationException) e).getCode()).isEqualTo("empty_order"))
                .hasMessage("An order needs at least one line");
        assertThatThrownBy(() -> other().call("orders::create", Map.of("customer", "ada", "lines", "none")).join())
                .cause().satisfies(e -> {
                    assertThat(((InvocationException) e).getCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("parameter 'order'").contains("$.lines");
                });
    }

    @Test
    void httpTriggersAnswerRealHttpRequests() throws Exception {
        other();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(engine.httpUrl() + "/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customer\":\"bob\",\"lines\":[{\"sku\":\"A1\",\"quantity\":4}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("x-order-source")).contains("http");
        // The http provider calls the bound function as a worker of its own (engines 0.23 and later).
        String httpWorker = other().discovery().listWorkers().get().stream().filter(worker -> worker.name().equals("http"))
                .findFirst().orElseThrow().id();
        assertThat(JSON.readTree(created.body())).isEqualTo(JSON.readTree("{\"customer\":\"bob\",\"units\":4,"
                + "\"caller\":\"" + httpWorker + "\"}"));
        HttpResponse<String> fetched = http.send(HttpRequest.newBuilder(URI.create(engine.httpUrl() + "/orders/o-17?verbose=yes"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(fetched.body()))
                .isEqualTo(JSON.readTree("{\"id\":\"o-17\",\"status\":\"open\",\"verbose\":\"yes\"}"));
        HttpResponse<String> failed = http.send(HttpRequest.newBuilder(URI.create(engine.httpUrl() + "/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customer\":\"bob\",\"lines\":[]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(failed.body()).get("error").get("code").asString()).isEqualTo("empty_order");
    }

    @Test
    void anHttpBodyThatDoesNotBindIsA400WithItsPathAndNothingAboutTheCode() throws Exception {
        other();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> wrongType = http.send(HttpRequest.newBuilder(URI.create(engine.httpUrl() + "/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customer\":\"bob\",\"lines\":[{\"sku\":\"A1\",\"quantity\":\"four\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongType.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(wrongType.body()).get("error");
        assertThat(error.get("code").asString()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(error.get("violations").get(0).get("path").asString()).isEqualTo("$.lines[0].quantity");
        assertThat(wrongType.body()).doesNotContain("CreateOrder", "OrdersApplication", "createOverHttp", "dev.iii");

        HttpResponse<String> malformed = http.send(HttpRequest.newBuilder(URI.create(engine.httpUrl() + "/orders"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"customer\":"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.body()).get("error").get("code").asString()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void theTemplateAndDeclarativeClientsCallOtherWorkers() throws Exception {
        other();
        JsonNode quote = iii.function("orders::quote").payload(Map.of("sku", "A1")).metadata(Map.of("tenant", "t1"))
                .retrieve(JsonNode.class);
        assertThat(quote.get("price").asInt()).isEqualTo(42);
        assertThat(quote.get("tenant").asString()).isEqualTo("t1");
        assertThat(quote.get("sku").asString()).isEqualTo("A1");
    }

    @Test
    void healthIsUpWhileConnectedAndEventsWerePublished() throws Exception {
        other();
        assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
        assertThat(health.health(true).getDetails()).containsEntry("functions", 5).containsEntry("triggers", 2)
                .containsKey("workerId");
        assertThat(events.received).anyMatch(IIIWorkerStartedEvent.class::isInstance);
        assertThat(events.received).anyMatch(e -> e instanceof IIIWorkerConnectionEvent c
                && c.getState() == ConnectionState.CONNECTED);
        assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().equals("iii-keep-alive") && !t.isDaemon());
        assertThat(worker.options().name()).isEqualTo("orders");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Events implements ApplicationListener<org.springframework.context.ApplicationEvent> {
        final List<Object> received = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(org.springframework.context.ApplicationEvent event) {
            received.add(event);
        }

        @Bean
        String marker() {
            return "events";
        }
    }
}
